package deps

// rdfio's syntax packages stand side by side on codec, which knows none of
// them; only the rdfio facade brings them together, and only tests import
// the test fixtures (rdftest). They are added to forbidden here, in a file
// of their own, so that the rules of other packages and these change apart.
func init() {
	const in = "rdfio/internal/"
	for pkg, bad := range map[string][]string{
		in + "codec":  {in + "ttl", in + "rdfxml", in + "jsonld", in + "rdftest"},
		in + "ttl":    {in + "rdfxml", in + "jsonld", in + "rdftest"},
		in + "rdfxml": {in + "ttl", in + "jsonld", in + "rdftest"},
		in + "jsonld": {in + "ttl", in + "rdfxml", in + "rdftest"},
	} {
		forbidden[pkg] = bad
	}
}
