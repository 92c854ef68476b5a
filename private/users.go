package private

import (
	"errors"
	"fmt"
	"net/mail"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Role is what an account may do.
type Role string

// The roles. An editor fills in and publishes the assessments of their own
// organisation; an administrator manages organisations and accounts, and
// may edit every organisation's assessments.
const (
	Editor Role = "editor"
	Admin  Role = "admin"
)

// ParseRole reads a role's name.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case Editor, Admin:
		return r, nil
	}
	return "", fmt.Errorf("role %q: want editor or admin", s)
}

// User is one account.
type User struct {
	Email    string    `json:"email"` // lower case; the key
	Org      string    `json:"org"`   // NIS code of the organisation
	Role     Role      `json:"role"`
	Hash     string    `json:"hash"` // argon2id, PHC string
	Disabled bool      `json:"disabled,omitempty"`
	Created  time.Time `json:"created"`
}

// CanEdit reports whether u may change the assessments of org.
func (u User) CanEdit(org string) bool {
	return !u.Disabled && (u.Role == Admin || u.Org == org)
}

// Errors of the account functions.
var (
	ErrExists   = errors.New("an account with this e-mail address exists already")
	ErrNoUser   = errors.New("no account with this e-mail address")
	ErrBadLogin = errors.New("wrong e-mail address or password")
	ErrEmail    = errors.New("not an e-mail address")
	ErrOrg      = errors.New("an organisation is a five-digit NIS code")
)

// MaxEmail is the longest e-mail address accepted (RFC 5321's path limit).
const MaxEmail = 254

// NormalEmail checks an e-mail address and returns it in lower case.
func NormalEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > MaxEmail || !strings.Contains(s, "@") {
		return "", ErrEmail
	}
	return strings.ToLower(s), nil
}

// NIS reports whether s is a five-digit NIS code.
func NIS(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// AddUser creates an account with password (hashed with argon2id).
func (d *DB) AddUser(email, org string, role Role, password string) (User, error) {
	email, err := NormalEmail(email)
	if err != nil {
		return User{}, err
	}
	if !NIS(org) {
		return User{}, ErrOrg
	}
	if _, err := ParseRole(string(role)); err != nil {
		return User{}, err
	}
	if err := checkLength(password); err != nil {
		return User{}, err
	}
	hash, err := hashPassword(password, d.hashParams)
	if err != nil {
		return User{}, err
	}
	u := User{Email: email, Org: org, Role: role, Hash: hash, Created: d.now().UTC()}
	err = d.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketUsers).Get([]byte(email)) != nil {
			return ErrExists
		}
		return put(tx, bucketUsers, []byte(email), u)
	})
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// User returns the account of email.
func (d *DB) User(email string) (User, bool, error) {
	var u User
	var ok bool
	err := d.db.View(func(tx *bolt.Tx) error {
		var err error
		ok, err = get(tx, bucketUsers, []byte(strings.ToLower(strings.TrimSpace(email))), &u)
		return err
	})
	return u, ok, err
}

// Users lists every account, by organisation and e-mail address.
func (d *DB) Users() ([]User, error) {
	var out []User
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u User
			if _, err := get(tx, bucketUsers, k, &u); err != nil {
				return err
			}
			out = append(out, u)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Org != out[j].Org {
			return out[i].Org < out[j].Org
		}
		return out[i].Email < out[j].Email
	})
	return out, err
}

// update changes the account of email with fn, in one transaction.
func (d *DB) update(email string, fn func(tx *bolt.Tx, u *User) error) error {
	key := []byte(strings.ToLower(strings.TrimSpace(email)))
	return d.db.Update(func(tx *bolt.Tx) error {
		var u User
		ok, err := get(tx, bucketUsers, key, &u)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNoUser
		}
		if err := fn(tx, &u); err != nil {
			return err
		}
		return put(tx, bucketUsers, key, u)
	})
}

// SetDisabled disables an account (and ends its sessions) or enables it
// again.
func (d *DB) SetDisabled(email string, disabled bool) error {
	return d.update(email, func(tx *bolt.Tx, u *User) error {
		u.Disabled = disabled
		if disabled {
			return endSessionsOf(tx, u.Email)
		}
		return nil
	})
}

// SetPassword replaces an account's password and ends its sessions.
func (d *DB) SetPassword(email, password string) error {
	if err := checkLength(password); err != nil {
		return err
	}
	hash, err := hashPassword(password, d.hashParams)
	if err != nil {
		return err
	}
	return d.update(email, func(tx *bolt.Tx, u *User) error {
		u.Hash = hash
		return endSessionsOf(tx, u.Email)
	})
}

// dummyHash is checked against when the account does not exist, so a
// wrong address takes as long as a wrong password.
var dummyHash, _ = hashPassword("not a password of anyone", defaultParams)

// Authenticate returns the enabled account whose e-mail address and
// password these are; ErrBadLogin otherwise, whichever was wrong.
func (d *DB) Authenticate(email, password string) (User, error) {
	if len(password) > MaxPassword {
		return User{}, ErrBadLogin
	}
	u, ok, err := d.User(email)
	if err != nil {
		return User{}, err
	}
	hash := dummyHash
	if ok {
		hash = u.Hash
	}
	match, err := checkPassword(hash, password)
	if err != nil {
		return User{}, err
	}
	if !ok || !match || u.Disabled {
		return User{}, ErrBadLogin
	}
	return u, nil
}
