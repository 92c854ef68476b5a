package private

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// hashParams are argon2id's cost parameters.
type hashParams struct {
	time    uint32 // passes
	memory  uint32 // KiB
	threads uint8
}

// defaultParams follow OWASP's password storage advice for argon2id (19 MiB,
// two passes, one lane): about 40 ms a login on one core.
var defaultParams = hashParams{time: 2, memory: 19 * 1024, threads: 1}

const (
	saltBytes = 16
	keyBytes  = 32
)

// Password lengths, in bytes: at least MinPassword, at most MaxPassword
// (argon2 takes any length; the cap keeps a login's cost bounded).
const (
	MinPassword = 10
	MaxPassword = 256
)

// ErrPassword is a password that is too short or too long.
var ErrPassword = fmt.Errorf("a password has %d to %d characters", MinPassword, MaxPassword)

// hashPassword returns the PHC string of password:
// $argon2id$v=19$m=19456,t=2,p=1$SALT$KEY (unpadded base64).
func hashPassword(password string, p hashParams) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyBytes)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.memory, p.time, p.threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

var errHash = errors.New("private: malformed password hash")

// checkPassword reports whether password matches the PHC string hash,
// with the parameters the hash names.
func checkPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false, errHash
	}
	var p hashParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil || p.time == 0 || p.threads == 0 {
		return false, errHash
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, errHash
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errHash
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// checkLength refuses a password outside MinPassword..MaxPassword.
func checkLength(password string) error {
	if len(password) < MinPassword || len(password) > MaxPassword {
		return ErrPassword
	}
	return nil
}
