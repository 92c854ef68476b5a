package private

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Buckets of the file.
var (
	bucketUsers    = []byte("users")    // e-mail → User
	bucketSessions = []byte("sessions") // sha256(token) → Session
	bucketDrafts   = []byte("drafts")   // "NIS/YEAR" → Draft
)

// ErrInUse is returned by Open when another process holds the file: a
// running server. Its admin page does what the commands do.
var ErrInUse = errors.New("in use by another process (a running maturity serve?)")

// DB is the private file. Its methods are safe for concurrent use.
type DB struct {
	db  *bolt.DB
	now func() time.Time
	// hashParams are the argon2id parameters of new hashes.
	hashParams hashParams
}

// Open opens (creating when needed) the private file at path, readable by
// its owner only. It waits at most a second for another process's lock.
func Open(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("private: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("private: open %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("private: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketUsers, bucketSessions, bucketDrafts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("private: %s: %w", path, err)
	}
	return &DB{db: db, now: time.Now, hashParams: defaultParams}, nil
}

// Close closes the file.
func (d *DB) Close() error { return d.db.Close() }

// get decodes the JSON value of key in bucket into v; false when absent.
func get(tx *bolt.Tx, bucket, key []byte, v any) (bool, error) {
	b := tx.Bucket(bucket).Get(key)
	if b == nil {
		return false, nil
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("private: %s %q: %w", bucket, key, err)
	}
	return true, nil
}

// put encodes v as the JSON value of key in bucket.
func put(tx *bolt.Tx, bucket, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put(key, b)
}
