package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"github.com/stadleuven/maturity/assess"
	"github.com/stadleuven/maturity/private"
)

// privateFile is the file of the accounts, sessions and drafts in a data
// directory: apart from the store, so nothing in it can be published.
const privateFile = "private.db"

// tr picks the Dutch or the English text of one message, after the
// locale: a command speaks one language.
func tr(nl, en string) string {
	if english() {
		return en
	}
	return nl
}

// openPrivate opens the private file of the data directory dir.
func openPrivate(dir string) (*private.DB, error) {
	db, err := private.Open(filepath.Join(dir, privateFile))
	if errors.Is(err, private.ErrInUse) {
		return nil, errors.New(tr(
			"de accounts zijn in gebruik door een lopende maturity serve: stop die, of gebruik de beheerpagina /beheer",
			"the accounts are in use by a running maturity serve: stop it, or use the administration page /beheer"))
	}
	return db, err
}

// sub is one subcommand of a command (org add, user list, …).
type sub struct {
	name, usage string
	run         func(ctx context.Context, sio stdio, args []string) error
}

// runSub dispatches args to the subcommand it names, or prints the
// usage of each.
func runSub(ctx context.Context, sio stdio, cmd string, args []string, subs []sub) error {
	if len(args) > 0 {
		for _, s := range subs {
			if s.name == args[0] {
				return s.run(ctx, sio, args[1:])
			}
		}
	}
	fmt.Fprintln(sio.err, tr("Gebruik:", "Usage:"))
	var names []string
	for _, s := range subs {
		fmt.Fprintf(sio.err, "  maturity %s %s %s\n", cmd, s.name, s.usage)
		names = append(names, s.name)
	}
	if len(args) == 0 {
		return fmt.Errorf(tr("geef een subcommando: %s", "give a subcommand: %s"), strings.Join(names, ", "))
	}
	return fmt.Errorf(tr("onbekend subcommando %q (kies %s)", "unknown subcommand %q (choose %s)"), args[0], strings.Join(names, ", "))
}

func runUser(ctx context.Context, sio stdio, args []string) error {
	return runSub(ctx, sio, "user", args, []sub{
		{"add", "--email E --org NIS --role editor|admin [--data DIR]   " + tr("(wachtwoord: gevraagd, of de eerste regel van stdin)", "(password: asked for, or the first line of stdin)"), runUserAdd},
		{"list", "[--data DIR]", runUserList},
		{"disable", "--email E [--data DIR]", func(ctx context.Context, sio stdio, args []string) error { return runUserStatus(sio, args, true) }},
		{"enable", "--email E [--data DIR]", func(ctx context.Context, sio stdio, args []string) error { return runUserStatus(sio, args, false) }},
	})
}

func runUserAdd(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "user add", "--email E --org NIS --role editor|admin [--data DIR]")
	data := dataFlag(fs)
	email := fs.String("email", "", tr("e-mailadres (de gebruikersnaam)", "e-mail address (the user name)"))
	org := fs.String("org", "", tr("NIS-code van de organisatie van de persoon", "NIS code of the person's organisation"))
	roleFlag := fs.String("role", "editor", "editor "+tr("of", "or")+" admin")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New(tr("het wachtwoord staat nooit op de opdrachtregel: het wordt gevraagd, of gelezen van stdin", "the password is never on the command line: it is asked for, or read from stdin"))
	}
	addr, err := private.NormalEmail(*email)
	if err != nil {
		return fmt.Errorf(tr("--email %q: geen e-mailadres", "--email %q: not an e-mail address"), *email)
	}
	role, err := private.ParseRole(*roleFlag)
	if err != nil {
		return fmt.Errorf(tr("--role %q: kies editor of admin", "--role %q: choose editor or admin"), *roleFlag)
	}
	if err := knownOrg(ctx, *data, *org); err != nil {
		return err
	}
	pw, err := readPassword(sio)
	if err != nil {
		return err
	}
	db, err := openPrivate(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.AddUser(addr, *org, role, pw); err != nil {
		switch {
		case errors.Is(err, private.ErrExists):
			return fmt.Errorf(tr("er is al een account %s", "there is an account %s already"), addr)
		case errors.Is(err, private.ErrPassword):
			return fmt.Errorf(tr("een wachtwoord heeft %d tot %d tekens", "a password has %d to %d characters"), private.MinPassword, private.MaxPassword)
		}
		return err
	}
	fmt.Fprintf(sio.err, tr("account %s toegevoegd: %s van organisatie %s\n", "added account %s: %s of organisation %s\n"), addr, role, *org)
	return nil
}

// knownOrg checks that the store describes the organisation nis.
func knownOrg(ctx context.Context, dir, nis string) error {
	if !private.NIS(nis) {
		return fmt.Errorf(tr("--org %q: een NIS-code heeft vijf cijfers", "--org %q: a NIS code has five digits"), nis)
	}
	base, err := resolveBase(dir, "")
	if err != nil {
		return err
	}
	st, err := openStore(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	label, err := assess.OrgLabel(ctx, snap, base, nis)
	if err != nil {
		return err
	}
	if len(label) == 0 {
		return fmt.Errorf(tr("organisatie %s is onbekend: voeg ze eerst toe met maturity org add --nis %s --name NAAM", "organisation %s is unknown: add it first with maturity org add --nis %s --name NAME"), nis, nis)
	}
	return nil
}

// readPassword reads a new password: twice, without echo, from a
// terminal; else the first line of stdin. Never from the command line,
// where other users and the shell's history would see it.
func readPassword(sio stdio) (string, error) {
	if f, ok := sio.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(sio.err, tr("Wachtwoord (minstens 10 tekens): ", "Password (at least 10 characters): "))
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(sio.err)
		if err != nil {
			return "", err
		}
		fmt.Fprint(sio.err, tr("Nogmaals: ", "Again: "))
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(sio.err)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New(tr("de twee wachtwoorden verschillen", "the two passwords differ"))
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(sio.in, private.MaxPassword+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New(tr("geen wachtwoord op stdin", "no password on stdin"))
	}
	return line, nil
}

func runUserList(ctx context.Context, sio stdio, args []string) error {
	fs := newFlags(sio, "user list", "[--data DIR]")
	data := dataFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openPrivate(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	users, err := db.Users()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(sio.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, tr("E-MAIL\tORGANISATIE\tROL\tSTATUS\tSINDS", "E-MAIL\tORGANISATION\tROLE\tSTATUS\tSINCE"))
	for _, u := range users {
		status := tr("actief", "active")
		if u.Disabled {
			status = tr("uitgeschakeld", "disabled")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Org, u.Role, status, u.Created.Format("2006-01-02"))
	}
	return tw.Flush()
}

func runUserStatus(sio stdio, args []string, disable bool) error {
	name := "enable"
	if disable {
		name = "disable"
	}
	fs := newFlags(sio, "user "+name, "--email E [--data DIR]")
	data := dataFlag(fs)
	email := fs.String("email", "", tr("e-mailadres van het account", "e-mail address of the account"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openPrivate(*data)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetDisabled(*email, disable); errors.Is(err, private.ErrNoUser) {
		return fmt.Errorf(tr("er is geen account %s", "there is no account %s"), *email)
	} else if err != nil {
		return err
	}
	if disable {
		fmt.Fprintf(sio.err, tr("account %s uitgeschakeld; zijn sessies zijn beëindigd\n", "account %s disabled; its sessions ended\n"), *email)
	} else {
		fmt.Fprintf(sio.err, tr("account %s ingeschakeld\n", "account %s enabled\n"), *email)
	}
	return nil
}
