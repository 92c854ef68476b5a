package assess

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// CSVNote says what NormaliseCSV changed in a file, in Dutch and English,
// for the person who uploaded it.
type CSVNote struct{ NL, EN string }

// In returns the note in lang.
func (n CSVNote) In(lang string) string {
	if lang == "en" {
		return n.EN
	}
	return n.NL
}

// NormaliseCSV turns what spreadsheets in Flanders write into UTF-8 with
// commas, and says what it changed:
//
//   - a UTF-8 byte order mark (Excel's "CSV UTF-8") is dropped silently;
//   - UTF-16 with a byte order mark (Excel's "Unicode text") and text that
//     is not valid UTF-8, which in Belgium is Windows-1252 (Excel's "CSV
//     (puntkomma)" and "CSV (comma)"), are converted, with a note;
//   - columns separated by semicolons or tabs, detected from the header
//     line, are rewritten with commas, with a note; quoted cells keep
//     their separators, newlines and quotes.
//
// Lines keep their numbers, so errors found later name the row and the
// column the user sees in the spreadsheet.
func NormaliseCSV(data []byte) ([]byte, []CSVNote, error) {
	var notes []CSVNote
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		data = fromUTF16(data)
		notes = append(notes, CSVNote{"omgezet van UTF-16 (Unicode-tekst) naar UTF-8", "converted from UTF-16 (Unicode text) to UTF-8"})
	case !utf8.Valid(data):
		data = fromWindows1252(data)
		notes = append(notes, CSVNote{
			"het bestand was geen UTF-8; gelezen als Windows-1252 (wat Excel in België schrijft) en omgezet: controleer letters met accenten",
			"the file was not UTF-8; read as Windows-1252 (what Excel writes in Belgium) and converted: check accented letters"})
	}
	switch sep := separator(data); sep {
	case ';', '\t':
		out, err := rewriteSeparator(data, sep)
		if err != nil {
			// Leave the file as it was: the reader names the problem.
			return data, notes, nil
		}
		data = out
		if sep == ';' {
			notes = append(notes, CSVNote{"kolommen gescheiden door puntkomma's (zoals Excel in België opslaat) gelezen", "read columns separated by semicolons (as Excel saves in Belgium)"})
		} else {
			notes = append(notes, CSVNote{"kolommen gescheiden door tabs gelezen", "read columns separated by tabs"})
		}
	}
	return data, notes, nil
}

// separator guesses the column separator from the first line: the most
// frequent of comma, semicolon and tab outside quotes (comma on a tie).
func separator(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range data {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// rewriteSeparator re-encodes data, separated by sep, with commas.
func rewriteSeparator(data []byte, sep rune) ([]byte, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, false
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// fromUTF16 decodes UTF-16 with a byte order mark.
func fromUTF16(data []byte) []byte {
	le := data[0] == 0xff
	data = data[2:]
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if le {
			u = append(u, uint16(data[i])|uint16(data[i+1])<<8)
		} else {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to Unicode; the other
// bytes are Latin-1, the same code points. The five unassigned bytes map
// to U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// fromWindows1252 decodes Windows-1252.
func fromWindows1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/8)
	for _, c := range data {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, cp1252[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}
