package sheet

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// Issue 11, finding 10: free text went into CSV downloads as it was, so a
// cell "=HYPERLINK(…)" became a live formula in the city's spreadsheet.
func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "",
		"Kennis":                          "Kennis",
		"=HYPERLINK(\"http://x\",\"ok\")": "'=HYPERLINK(\"http://x\",\"ok\")",
		"+32 16 27 20 00":                 "'+32 16 27 20 00",
		"-2+3":                            "'-2+3",
		"@SUM(A1:A2)":                     "'@SUM(A1:A2)",
		"\t=1+1":                          "'\t=1+1",
		"\r=1+1":                          "'\r=1+1",
		"＝1+1":                            "'＝1+1",
		"-":                               "'-",
		"-1.5":                            "-1.5",
		"+2":                              "+2",
		"-0,25":                           "-0,25",
		"3":                               "3",
		"1e3":                             "1e3",
		"a=b":                             "a=b",
		" =1+1":                           " =1+1",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
		if got := Cell(in); got != in && !IsEscaped(got) {
			t.Errorf("IsEscaped(%q) = false", got)
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	if err := w.Write([]string{"domein", "toelichting", "kloof"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]string{"Kennis", "=cmd|' /C calc'!A0", "-1.0"}); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := recs[1]; got[1] != "'=cmd|' /C calc'!A0" || got[2] != "-1.0" {
		t.Fatalf("row %q", got)
	}
}
