package fn

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"

	"github.com/stadleuven/maturity/rdf"
)

// hashFunc returns a built-in that hashes the UTF-8 bytes of a simple
// literal and returns the lower-case hex digest.
func hashFunc(name string, h func() hash.Hash) builtinFunc {
	return func(_ *Env, a []rdf.Term) (rdf.Term, error) {
		if err := simpleArg(name, a[0]); err != nil {
			return rdf.Term{}, err
		}
		d := h()
		d.Write([]byte(a[0].Value))
		return rdf.Literal(hex.EncodeToString(d.Sum(nil))), nil
	}
}

var (
	fnMD5    = hashFunc("MD5", md5.New)
	fnSHA1   = hashFunc("SHA1", sha1.New)
	fnSHA256 = hashFunc("SHA256", sha256.New)
	fnSHA384 = hashFunc("SHA384", sha512.New384)
	fnSHA512 = hashFunc("SHA512", sha512.New)
)
