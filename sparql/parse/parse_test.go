package parse

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stadleuven/maturity/sparql/algebra"
	"github.com/stadleuven/maturity/sparql/budget"
)

// parseString parses q with base http://ex/ and the prefix ":" bound to it,
// and returns the printed algebra of the WHERE clause and modifiers.
func parseString(t *testing.T, q string) string {
	t.Helper()
	res, err := Parse("PREFIX : <http://ex/>\n"+q, "http://ex/")
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	if err := checkInvariants(res); err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	return res.String()
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"bgp and select star",
			`SELECT * { ?s :p ?o ; :q "x" , 1 . }`,
			`(select (?s ?o) (project (?s ?o) (bgp (triple ?s <http://ex/p> ?o) (triple ?s <http://ex/q> "x") (triple ?s <http://ex/q> 1))))`},
		{"filter applies to the whole group wherever it stands",
			`SELECT ?s { FILTER(?o > 1) ?s :p ?o }`,
			`(select (?s) (project (?s) (filter (> ?o 1) (bgp (triple ?s <http://ex/p> ?o)))))`},
		{"several filters are one conjunction in order",
			`ASK { ?s :p ?o FILTER(?o > 1) FILTER(?o < 5) }`,
			`(ask (filter (&& (> ?o 1) (< ?o 5)) (bgp (triple ?s <http://ex/p> ?o))))`},
		{"filter in a nested group stays there",
			`ASK { ?s :p ?o { FILTER(?o = 1) } }`,
			`(ask (join (bgp (triple ?s <http://ex/p> ?o)) (filter (= ?o 1) (bgp))))`},
		{"optional lifts its filter into the left join",
			`ASK { ?s :p ?o OPTIONAL { ?o :q ?z FILTER(?z != ?s) } }`,
			`(ask (leftjoin (bgp (triple ?s <http://ex/p> ?o)) (bgp (triple ?o <http://ex/q> ?z)) (!= ?z ?s)))`},
		{"optional keeps the filter of a nested group inside",
			`ASK { ?s :p ?o OPTIONAL { { ?o :q ?z FILTER(?z != ?s) } } }`,
			`(ask (leftjoin (bgp (triple ?s <http://ex/p> ?o)) (filter (!= ?z ?s) (bgp (triple ?o <http://ex/q> ?z)))))`},
		{"optional with both",
			`ASK { ?s :p ?o OPTIONAL { { ?o :q ?z FILTER(?z != ?s) } FILTER(?z) } }`,
			`(ask (leftjoin (bgp (triple ?s <http://ex/p> ?o)) (filter (!= ?z ?s) (bgp (triple ?o <http://ex/q> ?z))) ?z))`},
		{"optional first has the empty group on the left",
			`ASK { OPTIONAL { ?s :p ?o } }`,
			`(ask (leftjoin (bgp) (bgp (triple ?s <http://ex/p> ?o))))`},
		{"bind extends what precedes it",
			`SELECT * { ?s :p ?o BIND(?o + 1 AS ?n) ?n :q ?z }`,
			`(select (?s ?o ?n ?z) (project (?s ?o ?n ?z) (join (extend ((?n (+ ?o 1))) (bgp (triple ?s <http://ex/p> ?o))) (bgp (triple ?n <http://ex/q> ?z)))))`},
		{"union minus graph",
			`ASK { { ?s :p ?o } UNION { ?s :q ?o } MINUS { ?s :r ?o } GRAPH ?g { ?s ?p ?o } }`,
			`(ask (join (minus (union (bgp (triple ?s <http://ex/p> ?o)) (bgp (triple ?s <http://ex/q> ?o))) (bgp (triple ?s <http://ex/r> ?o))) (graph ?g (bgp (triple ?s ?p ?o)))))`},
		{"inline values with undef",
			`SELECT * { VALUES (?a ?b) { (1 UNDEF) (:x "y"@nl) } ?a :p ?b }`,
			`(select (?a ?b) (project (?a ?b) (join (table (vars ?a ?b) (row [?a 1]) (row [?a <http://ex/x>] [?b "y"@nl])) (bgp (triple ?a <http://ex/p> ?b)))))`},
		{"trailing values join before projection",
			`SELECT ?s { ?s :p ?o } VALUES ?o { 1 2 }`,
			`(select (?s) (project (?s) (join (bgp (triple ?s <http://ex/p> ?o)) (table (vars ?o) (row [?o 1]) (row [?o 2])))))`},
		{"grouping, aggregates, having, select expressions, order, slice",
			`SELECT ?s (COUNT(DISTINCT ?o) AS ?n) (SUM(?o) * 2 AS ?d) { ?s :p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n) ?s LIMIT 10 OFFSET 5`,
			`(select (?s ?n ?d) (slice 5 10 (project (?s ?n ?d) (order ((desc ?n) ?s) (extend ((?d (* ?.agg2 2))) (extend ((?n ?.agg1)) (filter (> ?.agg3 1) (group (?s) ((?.agg1 (count distinct ?o)) (?.agg2 (sum ?o)) (?.agg3 (count))) (bgp (triple ?s <http://ex/p> ?o))))))))))`},
		{"aggregate without group by makes one group",
			`SELECT (AVG(?o) AS ?a) { ?s :p ?o }`,
			`(select (?a) (project (?a) (extend ((?a ?.agg1)) (group () ((?.agg1 (avg ?o))) (bgp (triple ?s <http://ex/p> ?o))))))`},
		{"group by expressions bind fresh or named variables",
			`SELECT ?l (GROUP_CONCAT(?o ; SEPARATOR = ",") AS ?all) { ?s :p ?o } GROUP BY (LCASE(?o) AS ?l) STR(?s)`,
			`(select (?l ?all) (project (?l ?all) (extend ((?all ?.agg1)) (group (?l ?.grp2) ((?.agg1 (group_concat (separator ",") ?o))) (extend ((?.grp2 (str ?s))) (extend ((?l (lcase ?o))) (bgp (triple ?s <http://ex/p> ?o))))))))`},
		{"sub-select hides its inner variables",
			`SELECT * { ?s :p ?o { SELECT ?s (MAX(?v) AS ?m) { ?s :q ?v ; :r ?hidden } GROUP BY ?s } }`,
			`(select (?s ?o ?m) (project (?s ?o ?m) (join (bgp (triple ?s <http://ex/p> ?o)) (project (?s ?m) (extend ((?m ?.agg1)) (group (?s) ((?.agg1 (max ?v))) (bgp (triple ?s <http://ex/q> ?v) (triple ?s <http://ex/r> ?hidden))))))))`},
		{"offset before limit",
			`SELECT * { } OFFSET 3 LIMIT 0`,
			`(select () (slice 3 0 (project () (bgp))))`},
		{"distinct and reduced",
			`SELECT DISTINCT ?s { ?s ?p ?o }`,
			`(select (?s) (distinct (project (?s) (bgp (triple ?s ?p ?o)))))`},
		{"property paths: sequence and inverse link become triples",
			`SELECT ?x ?y { ?x :a/^:b ?y }`,
			`(select (?x ?y) (project (?x ?y) (bgp (triple ?x <http://ex/a> ?.p1) (triple ?y <http://ex/b> ?.p1))))`},
		{"property paths: other operators stay paths",
			`ASK { ?x (:a|:b)+/:c? ?y . ?x !(:a|^:b) ?z . ?x ^(:a/:b) ?w . ?x :a* ?v }`,
			`(ask (join (join (join (join (path ?x (path+ (alt <http://ex/a> <http://ex/b>)) ?.p1) (path ?.p1 (path? <http://ex/c>) ?y)) (path ?x (notoneof <http://ex/a> (inv <http://ex/b>)) ?z)) (path ?x (inv (seq <http://ex/a> <http://ex/b>)) ?w)) (path ?x (path* <http://ex/a>) ?v)))`},
		{"rdf:type keyword and negated a",
			`ASK { ?x a :C ; !a ?y }`,
			`(ask (join (bgp (triple ?x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/C>)) (path ?x (notoneof <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) ?y)))`},
		{"a blank node label may cross a FILTER",
			`ASK { _:a :p ?o FILTER(EXISTS { ?o :q ?z }) _:a :r ?z }`,
			`(ask (filter (exists (bgp (triple ?o <http://ex/q> ?z))) (bgp (triple ?_:a <http://ex/p> ?o) (triple ?_:a <http://ex/r> ?z))))`},
		{"blank nodes become hidden variables",
			`SELECT * { _:a :p [ :q ?o ] . _:a :r () }`,
			`(select (?o) (project (?o) (bgp (triple ?.b1 <http://ex/q> ?o) (triple ?_:a <http://ex/p> ?.b1) (triple ?_:a <http://ex/r> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>))))`},
		{"collections",
			`ASK { ?l :p (1 ?x) }`,
			`(ask (bgp (triple ?.b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> 1) (triple ?.b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> ?.b2) (triple ?.b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ?x) (triple ?.b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>) (triple ?l <http://ex/p> ?.b1)))`},
		{"relative IRIs resolve against BASE, which resolves against the given base",
			`BASE <dir/> SELECT * { <a> <../b> <#c> }`,
			`(select () (project () (bgp (triple <http://ex/dir/a> <http://ex/b> <http://ex/dir/#c>))))`},
		{"absolute IRIs are kept as written",
			`ASK { <eXAMPLE://a/./b/../b/%63#x> :p <http://ex/a/../b> }`,
			`(ask (bgp (triple <eXAMPLE://a/./b/../b/%63#x> <http://ex/p> <http://ex/a/../b>)))`},
		{"literals",
			`ASK { ?s :p "a"@en-GB, "b"^^:t, "c"^^<http://www.w3.org/2001/XMLSchema#string>, -1, +2.5, 1e3, true, '''x"y''' }`,
			`(ask (bgp (triple ?s <http://ex/p> "a"@en-GB) (triple ?s <http://ex/p> "b"^^<http://ex/t>) (triple ?s <http://ex/p> "c") (triple ?s <http://ex/p> -1) (triple ?s <http://ex/p> +2.5) (triple ?s <http://ex/p> 1e3) (triple ?s <http://ex/p> true) (triple ?s <http://ex/p> "x\"y")))`},
		{"expression precedence and operators",
			`ASK { FILTER(!BOUND(?a) || ?a IN (1, 2) && ?b NOT IN () || ?c - 1 * -?d >= 2 / +?e) }`,
			`(ask (filter (|| (|| (! (bound ?a)) (&& (in ?a 1 2) (notin ?b))) (>= (- ?c (* 1 (- ?d))) (/ 2 (+ ?e)))) (bgp)))`},
		{"built-ins, casts and exists",
			`ASK { ?s :p ?o FILTER(isURI(?o) && regex(str(?o), "^a", "i") && <http://www.w3.org/2001/XMLSchema#integer>(?o) = 1 && NOT EXISTS { ?o :q ?s } && EXISTS { } && CONCAT() = "" && BNODE() != RAND()) }`,
			`(ask (filter (&& (&& (&& (&& (&& (&& (isiri ?o) (regex (str ?o) "^a" "i")) (= (<http://www.w3.org/2001/XMLSchema#integer> ?o) 1)) (notexists (bgp (triple ?o <http://ex/q> ?s)))) (exists (bgp))) (= (concat) "")) (!= (bnode) (rand))) (bgp (triple ?s <http://ex/p> ?o))))`},
		{"construct template keeps blank nodes",
			`CONSTRUCT { ?s :p _:b . _:b :q [] } WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1`,
			`(construct ((triple ?s <http://ex/p> _:b) (triple _:b <http://ex/q> _:.b1)) (slice 0 1 (order (?s) (bgp (triple ?s ?p ?o)))))`},
		{"construct where",
			`CONSTRUCT WHERE { ?s :p ?o }`,
			`(construct ((triple ?s <http://ex/p> ?o)) (bgp (triple ?s <http://ex/p> ?o)))`},
		{"describe star with dataset",
			`DESCRIBE * FROM :g FROM NAMED :h { ?s ?p _:x }`,
			`(describe (from <http://ex/g>) (from named <http://ex/h>) (?s ?p) (bgp (triple ?s ?p ?_:x)))`},
		{"describe star includes trailing values",
			`DESCRIBE * { ?s ?p ?o } VALUES ?v { 1 }`,
			`(describe (?s ?p ?o ?v) (join (bgp (triple ?s ?p ?o)) (table (vars ?v) (row [?v 1]))))`},
		{"describe without where",
			`DESCRIBE :x ?y`,
			`(describe (<http://ex/x> ?y) (bgp))`},
		{"service",
			`SELECT * { SERVICE SILENT :sparql { ?s ?p ?o } }`,
			`(select (?s ?p ?o) (project (?s ?p ?o) (service silent <http://ex/sparql> (bgp (triple ?s ?p ?o)))))`},
		{"keywords are case-insensitive",
			`select ?s where { ?s ?p ?o filter(Str(?o) = "x") } order by desc(?s) limit 1`,
			`(select (?s) (slice 0 1 (project (?s) (order ((desc ?s)) (filter (= (str ?o) "x") (bgp (triple ?s ?p ?o)))))))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseString(t, tt.query); got != tt.want {
				t.Errorf("query %s\ngot  %s\nwant %s", tt.query, got, tt.want)
			}
		})
	}
}

func TestServiceQueryText(t *testing.T) {
	q, err := Parse("PREFIX ex: <http://ex/>\nBASE <http://b/>\nSELECT * { SERVICE <http://remote/sparql> { ?s ex:p <o> } }", "")
	if err != nil {
		t.Fatal(err)
	}
	proj, ok := q.Pattern.(*algebra.Project)
	if !ok {
		t.Fatalf("want a projection, got %s", q.Pattern)
	}
	svc, ok := proj.Pattern.(*algebra.Service)
	if !ok {
		t.Fatalf("want a service, got %s", proj.Pattern)
	}
	want := "BASE <http://b/>\nPREFIX ex: <http://ex/>\nSELECT * WHERE { ?s ex:p <o> }"
	if svc.Query != want {
		t.Errorf("service query\ngot  %q\nwant %q", svc.Query, want)
	}
	// The text must itself be a valid query with the same pattern.
	sq, err := Parse(svc.Query, "")
	if err != nil {
		t.Fatalf("service query does not parse: %v", err)
	}
	if got := sq.Pattern.(*algebra.Project).Pattern.String(); got != svc.Pattern.String() {
		t.Errorf("service query pattern %s, want %s", got, svc.Pattern)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		{"unclosed group", "SELECT * {\n  ?s ?p ?o", "2:11: missing '}' to close the '{' at 1:10"},
		{"stray word in a group", "SELECT * { ?s ?p ?o . WHERE }", "1:23: expected a triple pattern, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES or '}', found 'WHERE'"},
		{"well-known prefix hint", "SELECT * { ?s rdfs:label ?o }", `1:15: undefined prefix "rdfs:" (add PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>)`},
		{"function name hint", "SELECT * { ?s ?p ?o FILTER(contain(?o, \"x\")) }", "1:28: unknown function contain (did you mean CONTAINS?)"},
		{"missing dot", "SELECT * {\n  ?s ?p ?o\n  ?a ?b ?c }", "3:3: expected '.' or '}', found ?a"},
		{"undefined prefix", "SELECT * {\n\t?s ex:p ?o }", `2:5: undefined prefix "ex:"`},
		{"projecting a non-grouped variable", "SELECT ?s ?o { ?s ?p ?o } GROUP BY ?s", "1:11: variable ?o is projected but not grouped: add it to GROUP BY or use an aggregate"},
		{"select expression over a non-grouped variable", "SELECT (?o + 1 AS ?x) (COUNT(*) AS ?n) { ?s ?p ?o }", "1:19: expression for ?x uses ?o, which is not grouped"},
		{"select star with group by", "SELECT * { ?s ?p ?o } GROUP BY ?s", "1:1: SELECT * is not allowed in a query with GROUP BY or aggregates"},
		{"select expression variable in scope", "SELECT (1 AS ?s) { ?s ?p ?o }", "1:14: variable ?s in (… AS ?s) is already in scope"},
		{"bind variable in scope", "SELECT * {\n  ?s ?p ?o .\n  BIND(1 AS ?o)\n}", "3:13: BIND variable ?o is already in scope in the group before it"},
		{"aggregate in filter", "SELECT * { ?s ?p ?o FILTER(COUNT(?o) > 1) }", "1:28: aggregate COUNT is only allowed in SELECT, HAVING and ORDER BY"},
		{"aggregate in group by", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY (MAX(?o))", "1:48: aggregate MAX is only allowed in SELECT, HAVING and ORDER BY"},
		{"nested aggregates", "SELECT (SUM(MAX(?o)) AS ?n) { ?s ?p ?o }", "1:13: aggregate MAX inside another aggregate"},
		{"values row too short", "SELECT * { VALUES (?a ?b) { (1) } }", "1:29: VALUES row has 1 value for 2 variables"},
		{"duplicate values variable", "SELECT * { VALUES (?a ?a) { } }", "1:23: variable ?a appears twice in VALUES"},
		{"blank node label in two BGPs", "SELECT * { _:a ?p ?o OPTIONAL { _:a ?q ?z } }", "1:33: blank node _:a is used in more than one basic graph pattern"},
		{"blank node label in a nested group and a later BGP",
			"ASK { ?s ?p ?o FILTER(EXISTS { _:a ?p ?o }) ?s ?q ?z {} _:a ?r ?z }",
			"1:57: blank node _:a is used in more than one basic graph pattern"},
		{"wrong arity", "SELECT * { ?s ?p ?o FILTER(STRSTARTS(?o)) }", "1:28: STRSTARTS takes 2 arguments, not 1"},
		{"unknown function", "SELECT * { ?s ?p ?o FILTER(frob(?o)) }", "1:28: unknown function frob"},
		{"relative IRI without base", "SELECT * { <a> ?p ?o }", "1:12: relative IRI <a> without a base IRI"},
		{"line break in string", "SELECT * { ?s ?p \"a\nb\" }", "1:20: line break in a short string (use \\n or a long string)"},
		{"bad escape", `SELECT * { ?s ?p "\q" }`, `1:19: invalid escape \q in string`},
		{"surrogate escape", `SELECT * { ?s ?p "\uDC00" }`, `1:19: escape \uDC00 is not a Unicode code point`},
		{"columns count characters", "SELECT * { ?s ?p \"één\" ?x }", "1:24: expected '.' or '}', found ?x"},
		{"limit overflow", "SELECT * { } LIMIT 99999999999999999999", "1:20: LIMIT 99999999999999999999 is too large"},
		{"offset twice", "ASK { } OFFSET 0 OFFSET 1", "1:18: expected end of query, found 'OFFSET'"},
		{"limit twice", "SELECT * { } LIMIT 1 OFFSET 2 LIMIT 3", "1:31: expected end of query, found 'LIMIT'"},
		{"trailing garbage", "ASK { } ASK", "1:9: expected end of query, found 'ASK'"},
		{"no query form", "PREFIX : <http://ex/>", "1:22: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found end of query"},
		{"custom aggregate", "SELECT * { FILTER(<http://ex/f>(DISTINCT ?x)) }", "1:33: DISTINCT in a call of <http://ex/f>: custom aggregates are not supported"},
		{"construct where with filter", "CONSTRUCT WHERE { ?s ?p ?o FILTER(true) }", "1:28: expected '}', found 'FILTER'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.query, "")
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse(%q) = %v, want *Error %q", tt.query, err, tt.want)
			}
			if got := perr.Error(); got != tt.want {
				t.Errorf("Parse(%q)\ngot  %s\nwant %s", tt.query, got, tt.want)
			}
			if perr.MsgNL == "" {
				t.Errorf("Parse(%q): no Dutch message", tt.query)
			}
		})
	}
}

func TestLocalized(t *testing.T) {
	tests := []struct{ query, lang, want string }{
		{"SELECT * {\n  ?s ex:p ?o }", "", `regel 2, kolom 6: prefix "ex:" is niet gedeclareerd`},
		{"SELECT * {\n  ?s ex:p ?o }", "nl-BE", `regel 2, kolom 6: prefix "ex:" is niet gedeclareerd`},
		{"SELECT * {\n  ?s ex:p ?o }", "en", `line 2, column 6: undefined prefix "ex:"`},
		{"SELECT * { ?s ?p ?o . WHERE }", "nl", "regel 1, kolom 23: verwacht: een tripelpatroon, '{', OPTIONAL, MINUS, GRAPH, SERVICE, FILTER, BIND, VALUES of '}', gevonden: 'WHERE'"},
		{"SELECT * { ?s ?p ?o", "nl", "regel 1, kolom 20: '}' ontbreekt bij de '{' op 1:10"},
		{"ASK { ?s rdfs:label ?o }", "nl", `regel 1, kolom 10: prefix "rdfs:" is niet gedeclareerd (voeg PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> toe)`},
		{"SELECT * { VALUES (?a ?b) { (1) } }", "nl", "regel 1, kolom 29: VALUES-rij heeft 1 waarde voor 2 variabelen"},
		{"ASK { FILTER(REGEX(?x)) }", "nl", "regel 1, kolom 14: REGEX verwacht 2 of 3 argumenten, niet 1"},
		{"ASK { ?s ?p \"\\q\" }", "nl", `regel 1, kolom 14: ongeldige escape \q in string`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.query, "")
		var perr *Error
		if !errors.As(err, &perr) {
			t.Fatalf("Parse(%q) = %v, want *Error", tt.query, err)
		}
		if got := perr.Localized(tt.lang); got != tt.want {
			t.Errorf("Parse(%q).Localized(%q)\ngot  %s\nwant %s", tt.query, tt.lang, got, tt.want)
		}
	}
}

func TestErrorSnippet(t *testing.T) {
	tests := []struct{ query, want string }{
		{"SELECT * {\n  ?s ?p ?o\n  ?a ?b ?c }", "  ?a ?b ?c }\n  ^"},
		{"SELECT * {\n\t?s ?p ?o\n\t\t?a ?b ?c }", "\t\t?a ?b ?c }\n\t\t^"},
		{"ASK { ?s ?p \"é\" ?x }", "ASK { ?s ?p \"é\" ?x }\n                ^"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.query, "")
		var perr *Error
		if !errors.As(err, &perr) {
			t.Fatalf("Parse(%q) = %v, want *Error", tt.query, err)
		}
		if perr.Snippet != tt.want {
			t.Errorf("Parse(%q) snippet\n%s\nwant\n%s", tt.query, perr.Snippet, tt.want)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	tests := []struct {
		name  string
		query string
		ok    bool
	}{
		{"groups within limit", "ASK " + deep("{", "}", MaxDepth-1), true},
		{"groups beyond limit", "ASK " + deep("{", "}", MaxDepth+1), false},
		{"brackets beyond limit", "ASK { FILTER" + deep("(", ")", 3*MaxDepth) + " }", false},
		{"unary beyond limit", "ASK { FILTER(" + strings.Repeat("-(", MaxDepth) + "1" + strings.Repeat(")", MaxDepth) + ") }", false},
		{"paths beyond limit", "ASK { ?s " + deep("(", ")", MaxDepth+1)[:MaxDepth+1] + "<http://ex/p>" + strings.Repeat(")", MaxDepth+1) + " ?o }", false},
		{"collections beyond limit", "ASK { ?s <http://ex/p> " + strings.Repeat("(", MaxDepth+1) + strings.Repeat(")", MaxDepth+1) + " }", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.query, "")
			if (err == nil) != tt.ok {
				t.Errorf("err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !strings.Contains(err.Error(), "nested deeper") && !tt.ok {
				t.Errorf("err = %v, want the depth limit", err)
			}
		})
	}
}

// TestLargeQuery guards against work that grows with the square of the
// query (scope checks that rescan the whole group, BGP merges that copy it):
// a 5000-element group took about 15 s that way and takes milliseconds now.
// The bound is loose because CI machines are shared.
func TestLargeQuery(t *testing.T) {
	const n = 5000
	var where, sel strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&where, " ?s <http://ex/p> ?o%d FILTER(true) BIND(1 AS ?b%d)", i, i)
		fmt.Fprintf(&sel, " (1 AS ?c%d)", i)
	}
	start := time.Now()
	// Without the pattern limit, which refuses such a query by default.
	q, err := ParseWith("SELECT *"+" {"+where.String()+" }", Options{Limits: budget.Limits{Patterns: -1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Vars) != 2*n+1 {
		t.Errorf("SELECT * found %d variables, want %d", len(q.Vars), 2*n+1)
	}
	if _, err := Parse("SELECT"+sel.String()+" { ?s ?p ?o }", ""); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("parsing two %d-element queries took %v", n, d)
	}
}
