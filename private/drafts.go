package private

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Draft is an assessment being filled in: one per organisation and year,
// shared by the organisation's editors, private until it is published
// (and then deleted).
type Draft struct {
	Org       string       `json:"org"`
	Year      int          `json:"year"`
	Method    string       `json:"method"`
	Author    string       `json:"author,omitempty"`
	Scores    []DraftScore `json:"scores,omitempty"`
	Partial   bool         `json:"partial,omitempty"` // publish without every domain, said so in the data
	Survey    *DraftSurvey `json:"survey,omitempty"`
	Created   time.Time    `json:"created"`
	Updated   time.Time    `json:"updated"`
	UpdatedBy string       `json:"updatedBy"`
}

// DraftScore is what a draft holds for one domain; a zero score is not
// chosen yet.
type DraftScore struct {
	Domain    string   `json:"domain"`
	Maturity  float64  `json:"maturity,omitempty"`
	Need      float64  `json:"need,omitempty"`
	Rationale string   `json:"rationale,omitempty"`
	Evidence  []string `json:"evidence,omitempty"`
}

// DraftSurvey is an uploaded staff-survey export, converted to UTF-8: its
// rows are private and are published only as aggregates.
type DraftSurvey struct {
	File  string   `json:"file"`
	CSV   []byte   `json:"csv"`
	Notes []string `json:"notes,omitempty"` // what was converted (encoding, separator)
}

func draftKey(org string, year int) []byte { return []byte(org + "/" + strconv.Itoa(year)) }

// SaveDraft stores d, stamped as updated by email now.
func (d *DB) SaveDraft(dr Draft, email string) (Draft, error) {
	if !NIS(dr.Org) {
		return Draft{}, ErrOrg
	}
	now := d.now().UTC()
	dr.Updated, dr.UpdatedBy = now, email
	if dr.Created.IsZero() {
		dr.Created = now
	}
	err := d.db.Update(func(tx *bolt.Tx) error { return put(tx, bucketDrafts, draftKey(dr.Org, dr.Year), dr) })
	return dr, err
}

// Draft returns the draft of org for year.
func (d *DB) Draft(org string, year int) (Draft, bool, error) {
	var dr Draft
	var ok bool
	err := d.db.View(func(tx *bolt.Tx) error {
		var err error
		ok, err = get(tx, bucketDrafts, draftKey(org, year), &dr)
		return err
	})
	return dr, ok, err
}

// Drafts lists the drafts of org (every organisation's for ""), newest
// first.
func (d *DB) Drafts(org string) ([]Draft, error) {
	var out []Draft
	err := d.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
			var dr Draft
			if _, err := get(tx, bucketDrafts, k, &dr); err != nil {
				return err
			}
			if org == "" || dr.Org == org {
				out = append(out, dr)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Updated.After(out[j].Updated) })
	return out, err
}

// DeleteDraft removes the draft of org for year (after publishing).
func (d *DB) DeleteDraft(org string, year int) error {
	return d.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketDrafts).Delete(draftKey(org, year)); err != nil {
			return fmt.Errorf("private: delete draft: %w", err)
		}
		return nil
	})
}
