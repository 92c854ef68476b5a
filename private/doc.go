// Package private keeps what must never be published: the accounts of the
// people who edit (organisation, role, argon2id password hash), their
// sessions and the drafts of assessments not yet published. It is a bbolt
// file of its own (DATA/private.db), apart from the RDF store, so no query,
// dump, page or catalog of the linked-data side can reach it: they read the
// store only.
//
// Session tokens and CSRF tokens are random; the file keeps only a hash of
// each session token, so a copy of it lets nobody sign in. Writes are
// bbolt transactions: all or nothing.
//
//	db.go        DB, Open (the file lock: one process at a time), buckets
//	users.go     User, Role, AddUser, Authenticate, SetDisabled, SetPassword
//	password.go  argon2id hashing in the PHC string format
//	sessions.go  Session: NewSession, Session (expiry, idle time), EndSession
//	drafts.go    Draft: one per organisation and year, shared by its editors
package private
