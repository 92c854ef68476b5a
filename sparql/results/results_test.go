package results

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/testtool"
	"github.com/stadleuven/maturity/rdf"
)

// sample holds every kind of term and the awkward characters each format
// must escape.
func sample() *Table {
	return &Table{
		Vars: []string{"s", "o", "n"},
		Rows: [][]rdf.Term{
			{rdf.IRI("http://example.org/a?x=1&y=<2>"), rdf.Literal("plain"), rdf.TypedLiteral("42", rdf.XSDInteger)},
			{rdf.Blank("b0"), rdf.LangLiteral("Leuven, \"stad\"", "nl-BE"), {}},
			{{}, rdf.Literal("tab\there\nline\r\nend \\ ' & < > \u2028"), rdf.TypedLiteral("1.5E0", rdf.XSDDouble)},
			{rdf.IRI("http://example.org/é"), rdf.TypedLiteral("x", "http://example.org/dt"), rdf.Literal("")},
		},
	}
}

// Ensure JSON, XML and TSV keep every term exactly through a round trip.
func TestRoundTrip(t *testing.T) {
	for _, f := range []Format{JSON, XML, TSV} {
		t.Run(f.String(), func(t *testing.T) {
			want := sample()
			var buf bytes.Buffer
			if err := want.Write(&buf, f); err != nil {
				t.Fatal(err)
			}
			got, err := Read(&buf, f)
			if err != nil {
				t.Fatalf("read back: %v\n%s", err, buf.String())
			}
			if !equalTables(got, want) {
				t.Errorf("round trip changed the table:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// Ensure CSV keeps lexical forms and blank nodes but, as the format says,
// not types; and quotes fields with commas, quotes and line breaks.
func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := sample().Write(&buf, CSV); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "s,o,n\r\n") || !strings.Contains(out, `"Leuven, ""stad"""`) {
		t.Errorf("unexpected CSV:\n%s", out)
	}
	got, err := Read(strings.NewReader(out), CSV)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]rdf.Term{
		{rdf.Literal("http://example.org/a?x=1&y=<2>"), rdf.Literal("plain"), rdf.Literal("42")},
		{rdf.Blank("b0"), rdf.Literal("Leuven, \"stad\""), {}},
		{{}, rdf.Literal("tab\there\nline\r\nend \\ ' & < > \u2028"), rdf.Literal("1.5E0")},
		{rdf.Literal("http://example.org/é"), rdf.Literal("x"), {}},
	}
	if !equalTables(got, &Table{Vars: []string{"s", "o", "n"}, Rows: want}) {
		t.Errorf("CSV read = %v", got.Rows)
	}
}

// TestCSVLineBreaks checks that carriage returns and line feeds inside
// values come out as they are, quoted, as RFC 4180 allows, and read back
// unchanged: encoding/csv with CRLF line ends dropped a lone "\r" and
// turned "\n" into "\r\n".
func TestCSVLineBreaks(t *testing.T) {
	values := []string{"a\rb", "a\nb", "a\r\nb", "\r", "\n\r", "\"\r\"", " lead", "trail ", "x"}
	tab := &Table{Vars: []string{"v"}}
	for _, v := range values {
		tab.Rows = append(tab.Rows, []rdf.Term{rdf.Literal(v)})
	}
	tab.Rows = append(tab.Rows, []rdf.Term{{}})
	var buf bytes.Buffer
	if err := tab.Write(&buf, CSV); err != nil {
		t.Fatal(err)
	}
	want := "v\r\n\"a\rb\"\r\n\"a\nb\"\r\n\"a\r\nb\"\r\n\"\r\"\r\n\"\n\r\"\r\n\"\"\"\r\"\"\"\r\n\" lead\"\r\n\"trail \"\r\nx\r\n\"\"\r\n"
	if got := buf.String(); got != want {
		t.Errorf("CSV\n got %q\nwant %q", got, want)
	}
	back, err := Read(&buf, CSV)
	if err != nil {
		t.Fatal(err)
	}
	if !equalTables(back, tab) {
		t.Errorf("read back %q", back.Rows)
	}
	for _, bad := range []string{"v\r\n\"open\r\n", "v\r\n\"a\"b\r\n", "v\r\na\"b\r\n"} {
		if _, err := Read(strings.NewReader(bad), CSV); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: err = %v, want an error on line 2", bad, err)
		}
	}
}

func TestBoolean(t *testing.T) {
	for _, f := range Formats() {
		for _, b := range []bool{true, false} {
			var buf bytes.Buffer
			w := NewWriter(&buf, f)
			if err := w.Boolean(b); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := Read(&buf, f)
			if err != nil {
				t.Fatalf("%v: %v", f, err)
			}
			if got.Boolean == nil || *got.Boolean != b {
				t.Errorf("%v: boolean %v read back as %v", f, b, got.Boolean)
			}
		}
	}
}

// Ensure the writers enforce Head/Row/Close order and row width.
func TestWriterProtocol(t *testing.T) {
	for _, f := range Formats() {
		var buf bytes.Buffer
		w := NewWriter(&buf, f)
		if err := w.Row(nil); !errors.Is(err, errOrder) {
			t.Errorf("%v: Row before Head = %v", f, err)
		}
		if err := w.Head([]string{"x"}); err != nil {
			t.Fatal(err)
		}
		if err := w.Row([]rdf.Term{{}, {}}); err == nil {
			t.Errorf("%v: a row of the wrong width was accepted", f)
		}
		if err := w.Boolean(true); !errors.Is(err, errOrder) {
			t.Errorf("%v: Boolean after Head = %v", f, err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("%v: Close = %v", f, err)
		}
		got, err := Read(&buf, f)
		if err != nil || len(got.Rows) != 0 || len(got.Vars) != 1 || got.Boolean != nil {
			t.Errorf("%v: empty result read back as %+v, %v", f, got, err)
		}
	}
	if err := NewWriter(&bytes.Buffer{}, FormatUnknown).Head(nil); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestXMLRejectsControlCharacters checks that a value XML 1.0 cannot carry
// is refused before any of its row is written, that the writer stays
// usable, and that XMLSafe's replacement reads back: the document stays
// well-formed. The writer used to leave half a row behind.
func TestXMLRejectsControlCharacters(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, XML)
	_ = w.Head([]string{"x", "y"})
	_ = w.Row([]rdf.Term{rdf.Literal("before"), rdf.Literal("ok \uFFFD")})
	for _, bad := range []struct {
		row  []rdf.Term
		char rune
	}{
		{[]rdf.Term{rdf.Literal("fine"), rdf.Literal("a\x01b")}, 1},
		{[]rdf.Term{rdf.LangLiteral("\uFFFE", "nl"), {}}, 0xFFFE},
		{[]rdf.Term{rdf.IRI("http://example.org/\x0b"), {}}, 0x0B},
	} {
		before := buf.Len()
		var xe *XMLCharError
		err := w.Row(bad.row)
		if !errors.As(err, &xe) || xe.Rune != bad.char || !strings.Contains(err.Error(), fmt.Sprintf("U+%04X", bad.char)) {
			t.Fatalf("Row(%q) = %v, want an XMLCharError for U+%04X", bad.row, err, bad.char)
		}
		if buf.Len() != before {
			t.Fatalf("Row(%q) wrote %q before failing", bad.row, buf.String()[before:])
		}
		safe, n := XMLSafe(bad.row)
		if n != 1 {
			t.Errorf("XMLSafe replaced %d characters, want 1", n)
		}
		if err := w.Row(safe); err != nil {
			t.Fatalf("Row(XMLSafe(%q)) = %v", bad.row, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf, XML)
	if err != nil {
		t.Fatalf("output is not well-formed: %v\n%s", err, buf.String())
	}
	if len(got.Rows) != 4 || got.Rows[1][1].Value != "a\uFFFDb" || got.Rows[0][1].Value != "ok \uFFFD" {
		t.Errorf("read back %q", got.Rows)
	}
}

func TestParseFormat(t *testing.T) {
	tests := map[string]Format{
		"json": JSON, "application/sparql-results+json": JSON, "application/sparql-results+xml; charset=utf-8": XML,
		".srx": XML, "srj": JSON, "text/csv": CSV, "TSV": TSV, "text/tab-separated-values": TSV, "application/json": JSON,
	}
	for in, want := range tests {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("text/html"); err == nil {
		t.Error("ParseFormat(text/html) succeeded")
	}
	for _, f := range Formats() {
		if back, err := ParseFormat(f.MediaType()); err != nil || back != f {
			t.Errorf("%v: media type %q does not parse back", f, f.MediaType())
		}
	}
}

func TestParseTerm(t *testing.T) {
	tests := []struct {
		in   string
		want rdf.Term
		bad  bool
	}{
		{"<http://ex/a>", rdf.IRI("http://ex/a"), false},
		{`<http://ex/\u00E9>`, rdf.IRI("http://ex/é"), false},
		{"_:b1", rdf.Blank("b1"), false},
		{`"a\tb\"c"`, rdf.Literal("a\tb\"c"), false},
		{`"chat"@fr`, rdf.LangLiteral("chat", "fr"), false},
		{`"1"^^<http://www.w3.org/2001/XMLSchema#integer>`, rdf.TypedLiteral("1", rdf.XSDInteger), false},
		{"-12", rdf.TypedLiteral("-12", rdf.XSDInteger), false},
		{"1.5", rdf.TypedLiteral("1.5", rdf.XSDDecimal), false},
		{".5", rdf.TypedLiteral(".5", rdf.XSDDecimal), false},
		{"1e3", rdf.TypedLiteral("1e3", rdf.XSDDouble), false},
		{"1.0E-2", rdf.TypedLiteral("1.0E-2", rdf.XSDDouble), false},
		{"true", rdf.TypedLiteral("true", rdf.XSDBoolean), false},
		{"", rdf.Term{}, false},
		{"1.", rdf.Term{}, true},
		{"1e", rdf.Term{}, true},
		{"abc", rdf.Term{}, true},
		{`"open`, rdf.Term{}, true},
		{`"x"junk`, rdf.Term{}, true},
		{`<http://ex/\u00>`, rdf.Term{}, true},
		{"_:", rdf.Term{}, true},
	}
	for _, tc := range tests {
		got, err := ParseTerm(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("ParseTerm(%q) = %s, %v; want %s (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// Ensure the readers accept the W3C suite's own result files.
func TestReadW3CFiles(t *testing.T) {
	dir := testtool.Testdata(t, "sparql11")
	counts := map[Format]int{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "protocol") || d.Name() == "SOURCES.tsv" {
			return err // SOURCES.tsv lists where the suite's files come from
		}
		f, err := ParseFormat(filepath.Ext(path))
		if err != nil {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		if _, err := Read(in, f); err != nil {
			if strings.Contains(path, "bad") || strings.Contains(path, "syntax") {
				return nil
			}
			t.Errorf("%s: %v", path, err)
		}
		counts[f]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("read %d .srj, %d .srx, %d .csv, %d .tsv files", counts[JSON], counts[XML], counts[CSV], counts[TSV])
	if counts[XML] < 100 || counts[JSON] < 5 || counts[TSV] < 3 || counts[CSV] < 3 {
		t.Errorf("too few result files read: %v", counts)
	}
}

func equalTables(a, b *Table) bool {
	if len(a.Vars) != len(b.Vars) || len(a.Rows) != len(b.Rows) || (a.Boolean == nil) != (b.Boolean == nil) {
		return false
	}
	for i := range a.Vars {
		if a.Vars[i] != b.Vars[i] {
			return false
		}
	}
	for i := range a.Rows {
		if len(a.Rows[i]) != len(b.Rows[i]) {
			return false
		}
		for j := range a.Rows[i] {
			if a.Rows[i][j] != b.Rows[i][j] {
				return false
			}
		}
	}
	return true
}
