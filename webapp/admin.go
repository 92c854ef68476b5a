package webapp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/i18n"
	"github.com/stadleuven/maturity/private"
	"github.com/stadleuven/maturity/rdf"
	"github.com/stadleuven/maturity/sparql"
	"github.com/stadleuven/maturity/vocab"
)

// maxOrgName bounds an organisation's name.
const maxOrgName = 200

// adminView is the administration page: the organisations, the accounts
// and the forms that add them.
type adminView struct {
	Orgs      []adminOrg
	Users     []adminUser
	Errors    map[string]string // field → message
	Summary   []formError
	Notice    string
	CanAddOrg bool
	NewUser   struct{ Email, Org, Role string }
	NewOrg    struct{ NIS, Name string }
}

type adminOrg struct {
	NIS, Name string
	Users     int
}

type adminUser struct {
	Email, Org, OrgName, Role string
	Disabled, Self            bool
}

// fail marks a field with a message, which the summary lists too.
func (av *adminView) fail(field, msg string) {
	av.Errors[field] = msg
	av.Summary = append(av.Summary, formError{Anchor: field, Text: msg})
}

// adminGuard lets administrators through; others get 403.
func (s *App) adminGuard(w http.ResponseWriter, r *http.Request, u *who) bool {
	if !u.admin() {
		s.message(w, r, http.StatusForbidden, "forbiddenAdmin")
		return false
	}
	return true
}

// serveAdmin shows the administration page.
func (s *App) serveAdmin(w http.ResponseWriter, r *http.Request) {
	u, ok := s.guardPage(w, r)
	if !ok || !s.adminGuard(w, r, u) {
		return
	}
	av := &adminView{Errors: map[string]string{}}
	switch r.URL.Query().Get("ok") {
	case "gebruiker":
		av.Notice = "adminUserAdded"
	case "organisatie":
		av.Notice = "adminOrgAdded"
	case "status":
		av.Notice = "adminStatusChanged"
	}
	s.renderAdmin(w, r, u, av, http.StatusOK)
}

// renderAdmin fills in the lists and writes the page.
func (s *App) renderAdmin(w http.ResponseWriter, r *http.Request, u *who, av *adminView, status int) {
	lang, langParam := s.pickLang(r)
	if av.Notice != "" {
		av.Notice = i18n.T(lang, av.Notice)
	}
	if err := s.adminLists(r.Context(), lang, u, av); err != nil {
		s.failed(w, r, err)
		return
	}
	title := i18n.T(lang, "adminTitle")
	if len(av.Summary) > 0 {
		title = i18n.T(lang, "errTitle") + " – " + title
	}
	p := s.page(r, lang, langParam, title, u)
	p.Admin = av
	s.render(w, r, status, "admin", p)
}

// adminLists reads the organisations (from the data) and the accounts.
func (s *App) adminLists(ctx context.Context, lang string, u *who, av *adminView) error {
	v, err := s.src.View(ctx)
	if err != nil {
		return err
	}
	orgs, err := organisations(ctx, v, s.base.IRI, lang)
	v.Close()
	if err != nil {
		return err
	}
	users, err := s.cfg.Private.Users()
	if err != nil {
		return err
	}
	count := map[string]int{}
	for _, x := range users {
		count[x.Org]++
	}
	names := map[string]string{}
	for _, o := range orgs {
		names[o.Value] = o.Label
		av.Orgs = append(av.Orgs, adminOrg{NIS: o.Value, Name: o.Name, Users: count[o.Value]})
	}
	for _, x := range users {
		av.Users = append(av.Users, adminUser{Email: x.Email, Org: x.Org, OrgName: names[x.Org],
			Role: i18n.T(lang, "role"+string(x.Role)), Disabled: x.Disabled, Self: x.Email == u.user.Email})
	}
	av.CanAddOrg = s.cfg.Writer != nil
	return nil
}

// adminPost parses and guards an administration form.
func (s *App) adminPost(w http.ResponseWriter, r *http.Request) (*who, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.message(w, r, http.StatusBadRequest, "errForm")
		return nil, false
	}
	u, ok := s.guardWrite(w, r)
	if !ok || !s.adminGuard(w, r, u) {
		return nil, false
	}
	return u, true
}

// serveAddUser creates an account: e-mail address, organisation, role and
// an initial password, typed twice.
func (s *App) serveAddUser(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminPost(w, r)
	if !ok {
		return
	}
	lang, _ := s.pickLang(r)
	av := &adminView{Errors: map[string]string{}}
	f := r.PostForm
	av.NewUser.Email = clip(strings.TrimSpace(f.Get("email")), private.MaxEmail)
	av.NewUser.Org, av.NewUser.Role = f.Get("org"), f.Get("role")
	fail := func(field, key string, args ...any) { av.fail(field, i18n.T(lang, key, args...)) }
	email, err := private.NormalEmail(av.NewUser.Email)
	if err != nil {
		fail("email", "errEmail")
	}
	known, err := s.orgKnown(r.Context(), av.NewUser.Org)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	if !known {
		fail("org", "errOrg")
	}
	role, err := private.ParseRole(av.NewUser.Role)
	if err != nil {
		fail("role", "errRole")
	}
	pw := f.Get("password")
	switch {
	case len(pw) < private.MinPassword || len(pw) > private.MaxPassword:
		fail("password", "errPassword", private.MinPassword, private.MaxPassword)
	case pw != f.Get("password2"):
		fail("password2", "errPasswordTwice")
	}
	if len(av.Summary) == 0 {
		_, err := s.cfg.Private.AddUser(email, av.NewUser.Org, role, pw)
		switch {
		case errors.Is(err, private.ErrExists):
			fail("email", "errUserExists")
		case err != nil:
			s.failed(w, r, err)
			return
		}
	}
	if len(av.Summary) > 0 {
		s.renderAdmin(w, r, u, av, http.StatusUnprocessableEntity)
		return
	}
	s.log.InfoContext(r.Context(), "account added", "email", email, "org", av.NewUser.Org, "role", role, "by", u.name())
	http.Redirect(w, r, s.base.URL("beheer")+"?ok=gebruiker", http.StatusSeeOther)
}

// serveUserStatus disables an account (ending its sessions) or enables it
// again. An administrator cannot disable their own.
func (s *App) serveUserStatus(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminPost(w, r)
	if !ok {
		return
	}
	email := strings.ToLower(strings.TrimSpace(r.PostForm.Get("email")))
	disable := r.PostForm.Get("disabled") == "1"
	if email == u.user.Email && disable {
		s.message(w, r, http.StatusConflict, "errDisableSelf")
		return
	}
	if err := s.cfg.Private.SetDisabled(email, disable); errors.Is(err, private.ErrNoUser) {
		s.message(w, r, http.StatusNotFound, "errNoUser")
		return
	} else if err != nil {
		s.failed(w, r, err)
		return
	}
	s.log.InfoContext(r.Context(), "account status", "email", email, "disabled", disable, "by", u.name())
	http.Redirect(w, r, s.base.URL("beheer")+"?ok=status", http.StatusSeeOther)
}

// serveAddOrg adds an organisation to the published list (graph/
// organisaties): organisations are public, their accounts are not.
func (s *App) serveAddOrg(w http.ResponseWriter, r *http.Request) {
	u, ok := s.adminPost(w, r)
	if !ok {
		return
	}
	lang, _ := s.pickLang(r)
	av := &adminView{Errors: map[string]string{}}
	av.NewOrg.NIS = strings.TrimSpace(r.PostForm.Get("nis"))
	av.NewOrg.Name = strings.TrimSpace(r.PostForm.Get("name"))
	fail := func(field, key string, args ...any) { av.fail(field, i18n.T(lang, key, args...)) }
	if !private.NIS(av.NewOrg.NIS) {
		fail("nis", "errNIS")
	}
	if av.NewOrg.Name == "" || len([]rune(av.NewOrg.Name)) > maxOrgName {
		fail("name", "errOrgName", maxOrgName)
		av.NewOrg.Name = clip(av.NewOrg.Name, maxOrgName)
	}
	if len(av.Summary) == 0 {
		err := s.addOrganisation(r.Context(), av.NewOrg.NIS, av.NewOrg.Name)
		switch {
		case errors.Is(err, errOrgExists):
			fail("nis", "errOrgExists", av.NewOrg.NIS)
		case err != nil:
			s.failed(w, r, err)
			return
		}
	}
	if len(av.Summary) > 0 {
		s.renderAdmin(w, r, u, av, http.StatusUnprocessableEntity)
		return
	}
	s.log.InfoContext(r.Context(), "organisation added", "nis", av.NewOrg.NIS, "by", u.name())
	http.Redirect(w, r, s.base.URL("beheer")+"?ok=organisatie", http.StatusSeeOther)
}

var errOrgExists = errors.New("the organisation exists already")

// addOrganisation writes graph/organisaties anew with one organisation
// more, in one write, under the publish lock.
func (s *App) addOrganisation(ctx context.Context, nis, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	add, err := assess.Organisation(ctx, s.base.IRI, nis, name)
	if err != nil {
		return err
	}
	g := rdf.IRI(vocab.OrganisationsGraph(s.base.IRI))
	v, err := s.src.View(ctx)
	if err != nil {
		return err
	}
	label, err := assess.OrgLabel(ctx, v, s.base.IRI, nis)
	var old []rdf.Quad
	if err == nil {
		old, err = sparql.NewDecoder(v).GraphQuads(ctx, g)
	}
	v.Close()
	if err != nil {
		return err
	}
	if len(label) > 0 {
		return errOrgExists
	}
	if err := s.cfg.Writer.ReplaceGraphs(ctx, []GraphContent{{Graph: g, Quads: append(old, add...)}}); err != nil {
		return fmt.Errorf("write %s: %w", g.Value, err)
	}
	return nil
}

// orgKnown reports whether the data describes the organisation nis.
func (s *App) orgKnown(ctx context.Context, nis string) (bool, error) {
	if !private.NIS(nis) {
		return false, nil
	}
	v, err := s.src.View(ctx)
	if err != nil {
		return false, err
	}
	defer v.Close()
	label, err := assess.OrgLabel(ctx, v, s.base.IRI, nis)
	return len(label) > 0, err
}
