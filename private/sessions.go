package private

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Session is one signed-in browser or script.
type Session struct {
	Email   string    `json:"email"`
	CSRF    string    `json:"csrf"` // the token every form of the session carries
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"` // absolute end
	Seen    time.Time `json:"seen"`    // last request, for the idle limit
}

// token returns 32 random bytes, base64url.
func token() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// Token returns a new random token (32 bytes, base64url), for CSRF
// tokens outside a session.
func Token() (string, error) { return token() }

// sessionKey is what the file keeps of a session token: its hash.
func sessionKey(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

// NewSession starts a session for email that ends after ttl, and returns
// its token (for the cookie) and the session.
func (d *DB) NewSession(email string, ttl time.Duration) (string, Session, error) {
	tok, err := token()
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := token()
	if err != nil {
		return "", Session{}, err
	}
	now := d.now().UTC()
	s := Session{Email: email, CSRF: csrf, Created: now, Expires: now.Add(ttl), Seen: now}
	err = d.db.Update(func(tx *bolt.Tx) error {
		pruneSessions(tx, now)
		return put(tx, bucketSessions, sessionKey(tok), s)
	})
	return tok, s, err
}

// Session returns the live session of tok and its account: not expired,
// used within idle, and its account enabled. It records the use.
func (d *DB) Session(tok string, idle time.Duration) (Session, User, bool, error) {
	var (
		s  Session
		u  User
		ok bool
	)
	if tok == "" {
		return s, u, false, nil
	}
	now := d.now().UTC()
	err := d.db.Update(func(tx *bolt.Tx) error {
		key := sessionKey(tok)
		found, err := get(tx, bucketSessions, key, &s)
		if err != nil || !found {
			return err
		}
		if now.After(s.Expires) || now.Sub(s.Seen) > idle {
			return tx.Bucket(bucketSessions).Delete(key)
		}
		found, err = get(tx, bucketUsers, []byte(s.Email), &u)
		if err != nil || !found || u.Disabled {
			return err
		}
		ok = true
		if now.Sub(s.Seen) < time.Minute {
			return nil // spare a write per request
		}
		s.Seen = now
		return put(tx, bucketSessions, key, s)
	})
	return s, u, ok, err
}

// EndSession ends the session of tok (logging out).
func (d *DB) EndSession(tok string) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSessions).Delete(sessionKey(tok))
	})
}

// endSessionsOf ends every session of email.
func endSessionsOf(tx *bolt.Tx, email string) error {
	b := tx.Bucket(bucketSessions)
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var s Session
		if _, err := get(tx, bucketSessions, k, &s); err != nil {
			return err
		}
		if s.Email == email {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// pruneSessions deletes the sessions past their absolute end, so the file
// does not grow with abandoned ones.
func pruneSessions(tx *bolt.Tx, now time.Time) {
	b := tx.Bucket(bucketSessions)
	var old [][]byte
	b.ForEach(func(k, v []byte) error {
		var s Session
		if ok, err := get(tx, bucketSessions, k, &s); err != nil || !ok || now.After(s.Expires) {
			old = append(old, bytes.Clone(k))
		}
		return nil
	})
	for _, k := range old {
		b.Delete(k)
	}
}
