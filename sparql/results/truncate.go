package results

// CloseTruncated ends a SELECT result whose rows were cut at a server's row
// cap, saying so inside the document where the format has room for it:
// JSON gets a top-level "truncated": true member (clients ignore members
// they do not know), XML a comment before </results>. CSV and TSV have no
// place for it that would not read as data, so there Close is all it does
// and the caller must signal the cut out of band (an HTTP header).
func CloseTruncated(w Writer) error {
	switch t := w.(type) {
	case *jsonWriter:
		if t.state == 1 {
			t.str("\n]},\n\"truncated\":true}\n")
			t.state = 3
			return t.flush()
		}
	case *xmlWriter:
		if t.state == 1 {
			t.str("<!-- truncated: more solutions exist than this server returns in one answer -->\n")
		}
	}
	return w.Close()
}
