// Package htmlui is the frame every HTML page of the site shares, whichever
// package renders it (ldserver's resource pages, the web app's forms): the
// layout templates (head, foot, a message page), the site's style sheets
// and the choice of a page's language. A package parses its own templates
// on top of the layout with Site.Templates and renders them with a Chrome.
//
//	htmlui.go          Site, Chrome, templates, static files, message pages
//	templates/         layout.tmpl: "head", "foot" and "message"
//	static/            style.css (every page), edit.css (the web app)
package htmlui
