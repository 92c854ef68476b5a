package codec

import (
	"strings"
	"testing"
)

// Ensure that distinct blank labels stay distinct after encoding, whatever
// they contain, and that plain labels keep their spelling.
func TestWriteBlankLabel(t *testing.T) {
	labels := []string{"b0", "_g1", "a.b", "a-b", "é", "", "a b", "x_", "x_612062", "a b\x00", "1", "01", "a.", "a:b", "-a", "·"}
	seen := map[string]string{}
	for _, l := range labels {
		var b strings.Builder
		WriteBlankLabel(&b, l)
		out := b.String()
		if prev, dup := seen[out]; dup {
			t.Errorf("labels %q and %q both written as %q", prev, l, out)
		}
		seen[out] = l
		if !IsNCName(out) || out[len(out)-1] == '.' {
			t.Errorf("label %q written as %q, which is not a valid label", l, out)
		}
		plain := l != "" && IsNCName(l) && l[len(l)-1] != '.' && !strings.HasPrefix(l, BlankEscapePrefix)
		if plain != (out == l) {
			t.Errorf("label %q written as %q (plain label: %v)", l, out, plain)
		}
	}
}
