package webapp

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stadleuven/maturity/internal/sitetest"
	"github.com/stadleuven/maturity/internal/testtool"
)

// browserReport is what testdata/dashboard.mjs finds.
type browserReport struct {
	Errors                                 []string
	Axe                                    map[string][]sitetest.AxeViolation
	DashStatus, ReportStatus, AssessStatus int
	Radar                                  *struct {
		Role, Title, Desc string
		Spokes            int
		Axes              []string
		Width, Height     int
	}
	Comparison struct {
		Chart  bool
		Rows   [][]string
		Header []string
	}
	EvidenceRows, Findings []string
	FirstTab               string
	ReportByTab            bool
	PDFPages               int `json:"pdfPages"`
	PrintHidesFrame        bool
	AssessCharts           int
}

// TestDashboardInBrowser opens the dashboard, the report and the
// assessment page in headless Chromium: the radar has eleven spokes and
// labels and its text alternative, the comparison has its chart and a row
// per domain, the evidence and its finding are there, the keyboard
// reaches the skip link and the report, the report prints on at most four
// A4 pages, and axe-core finds nothing serious or critical. The
// screenshots and the PDF go to SCREENSHOTS when it names a directory.
func TestDashboardInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser run of half a minute: the full pass runs it")
	}
	testtool.Require(t, "chromium")
	nm := testtool.NodeModules(t, "playwright-core")
	testtool.NodeModules(t, "axe-core")
	e := newDashEnv(t)
	out := os.Getenv("SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "dashboard.mjs"))
	cmd := exec.Command("node", script, nm, out,
		e.base+"dashboard/99992/2025", e.base+"dashboard/99992/2025/rapport", e.base+"doc/evaluatie/99992/2025/v1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s%s", err, b, stderr.Bytes())
	}
	var got browserReport
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if len(got.Errors) > 0 {
		t.Errorf("errors in the browser: %q", got.Errors)
	}
	if got.DashStatus != 200 || got.ReportStatus != 200 || got.AssessStatus != 200 {
		t.Fatalf("status: dashboard %d, report %d, assessment %d", got.DashStatus, got.ReportStatus, got.AssessStatus)
	}
	r := got.Radar
	if r == nil {
		t.Fatal("no radar (svg#radar) on the dashboard")
	}
	if r.Role != "img" || r.Spokes != 11 || len(r.Axes) != 11 || !strings.Contains(r.Title, "Demostad Zuid") || !strings.Contains(r.Desc, "11 domeinen") {
		t.Errorf("radar: %+v", *r)
	}
	if r.Width < 300 || r.Height < 200 {
		t.Errorf("radar drawn %d×%d pixels: too small to read", r.Width, r.Height)
	}
	c := got.Comparison
	if !c.Chart || len(c.Rows) != 11 || len(c.Header) != 7 {
		t.Errorf("comparison: chart %v, %d rows, header %q", c.Chart, len(c.Rows), c.Header)
	}
	for _, row := range c.Rows {
		if len(row) != 7 || row[2] == "" || row[5] == "" {
			t.Errorf("comparison row without a median or a position: %q", row)
		}
	}
	if len(got.EvidenceRows) != 3 || len(got.Findings) == 0 || !strings.Contains(got.Findings[0], "80 % van de datasets alleen als PDF") {
		t.Errorf("evidence: rows %q, findings %q", got.EvidenceRows, got.Findings)
	}
	if got.FirstTab != "Naar de inhoud" || !got.ReportByTab {
		t.Errorf("keyboard: first Tab on %q, report reached by Tab %v", got.FirstTab, got.ReportByTab)
	}
	if got.PDFPages < 1 || got.PDFPages > 4 || !got.PrintHidesFrame {
		t.Errorf("printed report: %d A4 pages (want 1 to 4), print rules %v", got.PDFPages, got.PrintHidesFrame)
	}
	testtool.Figure(t, "printed report of 99992/2025 (11 domains): %d A4 pages", got.PDFPages)
	if got.AssessCharts != 2 {
		t.Errorf("assessment page: %d charts, want 2 (radar and bars)", got.AssessCharts)
	}
	sitetest.CheckAxe(t, got.Axe, 3)
	for _, name := range []string{"dashboard.png", "rapport.png", "evaluatie.png"} {
		sitetest.CheckScreenshot(t, filepath.Join(out, name))
	}
}
