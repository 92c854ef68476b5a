package private

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cheap are argon2id parameters that keep the tests fast; the format and
// the checks are those of the real ones.
var cheap = hashParams{time: 1, memory: 64, threads: 1}

func openTest(t *testing.T) (*DB, *time.Time) {
	t.Helper()
	d, err := Open(filepath.Join(t.TempDir(), "private.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	d.now = func() time.Time { return now }
	d.hashParams = cheap
	return d, &now
}

func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("correct horse battery", defaultParams)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with the default parameters", h)
	}
	for _, c := range []struct {
		hash, pw string
		ok       bool
		err      bool
	}{
		{h, "correct horse battery", true, false},
		{h, "correct horse batterY", false, false},
		{h, "", false, false},
		{strings.Replace(h, "argon2id", "argon2i", 1), "correct horse battery", false, true},
		{"$argon2id$v=19$m=x$a$b", "x", false, true},
		{"plain", "plain", false, true},
	} {
		ok, err := checkPassword(c.hash, c.pw)
		if ok != c.ok || (err != nil) != c.err {
			t.Errorf("checkPassword(%.30q, %q) = %v, %v", c.hash, c.pw, ok, err)
		}
	}
	h2, _ := hashPassword("correct horse battery", defaultParams)
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestUsers(t *testing.T) {
	d, _ := openTest(t)
	for _, c := range []struct {
		email, org string
		role       Role
		pw         string
		err        error
	}{
		{"An.Editor@leuven.be", "24062", Editor, "lang genoeg wachtwoord", nil},
		{"an.editor@leuven.be", "24062", Editor, "lang genoeg wachtwoord", ErrExists},
		{"geen-adres", "24062", Editor, "lang genoeg wachtwoord", ErrEmail},
		{"x@y.be", "2406", Editor, "lang genoeg wachtwoord", ErrOrg},
		{"x@y.be", "24062", Editor, "kort", ErrPassword},
		{"x@y.be", "24062", Editor, strings.Repeat("x", MaxPassword+1), ErrPassword},
		{"x@y.be", "24062", "baas", "lang genoeg wachtwoord", errors.New("role")},
		{"admin@gent.be", "44021", Admin, "nog een lang wachtwoord", nil},
	} {
		_, err := d.AddUser(c.email, c.org, c.role, c.pw)
		if (err == nil) != (c.err == nil) || (c.err != nil && !errors.Is(err, c.err) && !strings.Contains(err.Error(), c.err.Error())) {
			t.Errorf("AddUser(%s, %s, %s): %v, want %v", c.email, c.org, c.role, err, c.err)
		}
	}
	us, err := d.Users()
	if err != nil || len(us) != 2 || us[0].Email != "an.editor@leuven.be" || us[1].Role != Admin {
		t.Fatalf("Users: %v %+v", err, us)
	}
	if !us[0].CanEdit("24062") || us[0].CanEdit("44021") || !us[1].CanEdit("24062") {
		t.Error("CanEdit: an editor edits their own organisation, an administrator every one")
	}
	if _, err := d.Authenticate("AN.EDITOR@leuven.be", "lang genoeg wachtwoord"); err != nil {
		t.Errorf("Authenticate with the right password: %v", err)
	}
	for _, c := range [][2]string{{"an.editor@leuven.be", "fout wachtwoord!"}, {"niemand@leuven.be", "lang genoeg wachtwoord"}} {
		if _, err := d.Authenticate(c[0], c[1]); !errors.Is(err, ErrBadLogin) {
			t.Errorf("Authenticate(%s, %s): %v, want ErrBadLogin", c[0], c[1], err)
		}
	}
	if err := d.SetDisabled("an.editor@leuven.be", true); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Authenticate("an.editor@leuven.be", "lang genoeg wachtwoord"); !errors.Is(err, ErrBadLogin) {
		t.Errorf("a disabled account signed in: %v", err)
	}
	if err := d.SetDisabled("niemand@leuven.be", true); !errors.Is(err, ErrNoUser) {
		t.Errorf("disabling an unknown account: %v", err)
	}
}

func TestSessions(t *testing.T) {
	d, now := openTest(t)
	if _, err := d.AddUser("e@leuven.be", "24062", Editor, "lang genoeg wachtwoord"); err != nil {
		t.Fatal(err)
	}
	tok, s, err := d.NewSession("e@leuven.be", 8*time.Hour)
	if err != nil || len(tok) < 40 || len(s.CSRF) < 40 || s.CSRF == tok {
		t.Fatalf("NewSession: %v %q %+v", err, tok, s)
	}
	check := func(when string, want bool) {
		t.Helper()
		_, u, ok, err := d.Session(tok, 2*time.Hour)
		if err != nil || ok != want || (ok && u.Email != "e@leuven.be") {
			t.Errorf("%s: session %v, %v, %v; want %v", when, u.Email, ok, err, want)
		}
	}
	check("at once", true)
	*now = now.Add(90 * time.Minute)
	check("after 90 minutes", true)
	*now = now.Add(90 * time.Minute)
	check("90 minutes later, used in between", true)
	*now = now.Add(3 * time.Hour)
	check("idle 3 hours", false)
	check("again after it ended", false)

	tok, _, _ = d.NewSession("e@leuven.be", 8*time.Hour)
	for i := 0; i < 9; i++ {
		*now = now.Add(time.Hour)
		d.Session(tok, 2*time.Hour)
	}
	check("past the absolute end, used every hour", false)

	tok, _, _ = d.NewSession("e@leuven.be", 8*time.Hour)
	d.SetDisabled("e@leuven.be", true)
	check("account disabled", false)
	d.SetDisabled("e@leuven.be", false)
	check("account enabled again: the session ended with the disabling", false)

	tok, _, _ = d.NewSession("e@leuven.be", 8*time.Hour)
	if err := d.EndSession(tok); err != nil {
		t.Fatal(err)
	}
	check("logged out", false)
	if _, _, ok, _ := d.Session("", time.Hour); ok {
		t.Error("the empty token is a session")
	}
}

// The file keeps hashes of session tokens, never the tokens, and no
// password: a copy of it lets nobody in.
func TestFileHoldsNoSecrets(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(filepath.Join(dir, "private.db"))
	if err != nil {
		t.Fatal(err)
	}
	d.hashParams = cheap
	if _, err := d.AddUser("e@leuven.be", "24062", Editor, "geheim wachtwoord 123"); err != nil {
		t.Fatal(err)
	}
	tok, _, err := d.NewSession("e@leuven.be", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	b, err := os.ReadFile(filepath.Join(dir, "private.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{tok, "geheim wachtwoord 123"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("the file holds %q", secret)
		}
	}
	if !strings.Contains(string(b), "e@leuven.be") {
		t.Error("the account is not in the file; the check above proves nothing")
	}
	st, _ := os.Stat(filepath.Join(dir, "private.db"))
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
}

func TestOpenTwice(t *testing.T) {
	p := filepath.Join(t.TempDir(), "private.db")
	d, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := Open(p); !errors.Is(err, ErrInUse) {
		t.Errorf("second Open: %v, want ErrInUse", err)
	}
}

func TestDrafts(t *testing.T) {
	d, now := openTest(t)
	dr, err := d.SaveDraft(Draft{Org: "24062", Year: 2026, Method: "zelfevaluatie", Scores: []DraftScore{{Domain: "kennis", Maturity: 2}}}, "a@leuven.be")
	if err != nil || dr.Created.IsZero() || dr.UpdatedBy != "a@leuven.be" {
		t.Fatalf("SaveDraft: %v %+v", err, dr)
	}
	*now = now.Add(time.Hour)
	dr.Scores[0].Need = 4
	if _, err := d.SaveDraft(dr, "b@leuven.be"); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(time.Minute)
	d.SaveDraft(Draft{Org: "44021", Year: 2026}, "c@gent.be")
	got, ok, err := d.Draft("24062", 2026)
	if err != nil || !ok || got.UpdatedBy != "b@leuven.be" || got.Scores[0].Need != 4 || !got.Created.Before(got.Updated) {
		t.Errorf("Draft: %v %v %+v", err, ok, got)
	}
	if list, _ := d.Drafts("24062"); len(list) != 1 {
		t.Errorf("Drafts(24062): %d", len(list))
	}
	if list, _ := d.Drafts(""); len(list) != 2 || list[0].Org != "44021" {
		t.Errorf("Drafts(): %+v", list)
	}
	if _, err := d.SaveDraft(Draft{Org: "x"}, "a@leuven.be"); !errors.Is(err, ErrOrg) {
		t.Errorf("a draft of organisation x: %v", err)
	}
	d.DeleteDraft("24062", 2026)
	if _, ok, _ := d.Draft("24062", 2026); ok {
		t.Error("the draft is still there")
	}
}
