// Starts the query editor on the query page. A file of its own, not an
// inline script, so that the page's Content-Security-Policy allows scripts
// from the site only.
(function () {
  var el = document.getElementById("yasgui");
  var endpoint = el.dataset.endpoint;
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: "maturity-sparql",
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: el.dataset.query }
  });
  document.querySelectorAll(".examples button").forEach(function (b) {
    b.addEventListener("click", function () {
      var tab = yasgui.getTab();
      tab.setQuery(b.dataset.query);
      tab.query();
    });
  });
})();
