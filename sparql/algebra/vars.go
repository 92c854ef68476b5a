package algebra

// Vars returns the variables in scope in p (§18.2.1), hidden ones included,
// in order of first appearance. The parser uses it for SELECT *, the BIND
// and SELECT-expression scope checks, and the evaluator may use it to size
// solutions.
func Vars(p Pattern) []Var {
	var c varCollector
	c.pattern(p)
	return c.list
}

type varCollector struct {
	seen map[Var]bool
	list []Var
}

func (c *varCollector) add(v Var) {
	if v == "" || c.seen[v] {
		return
	}
	if c.seen == nil {
		c.seen = make(map[Var]bool)
	}
	c.seen[v] = true
	c.list = append(c.list, v)
}

func (c *varCollector) node(n Node) {
	if n.IsVar() {
		c.add(n.Var)
	}
}

func (c *varCollector) pattern(p Pattern) {
	switch p := p.(type) {
	case *BGP:
		for _, t := range p.Triples {
			c.node(t.S)
			c.node(t.P)
			c.node(t.O)
		}
	case *Path:
		c.node(p.S)
		c.node(p.O)
	case *Join:
		c.pattern(p.Left)
		c.pattern(p.Right)
	case *LeftJoin:
		c.pattern(p.Left)
		c.pattern(p.Right)
	case *Filter:
		c.pattern(p.Pattern)
	case *Union:
		c.pattern(p.Left)
		c.pattern(p.Right)
	case *Graph:
		c.node(p.Name)
		c.pattern(p.Pattern)
	case *Extend:
		c.pattern(p.Pattern)
		c.add(p.Var)
	case *Minus:
		c.pattern(p.Left)
	case *Group:
		for _, k := range p.Keys {
			c.add(k)
		}
		for _, a := range p.Aggregates {
			c.add(a.Var)
		}
	case *Table:
		for _, v := range p.Vars {
			c.add(v)
		}
	case *Service:
		c.node(p.Endpoint)
		c.pattern(p.Pattern)
	case *Project:
		for _, v := range p.Vars {
			c.add(v)
		}
	case *Distinct:
		c.pattern(p.Pattern)
	case *Reduced:
		c.pattern(p.Pattern)
	case *Slice:
		c.pattern(p.Pattern)
	case *OrderBy:
		c.pattern(p.Pattern)
	}
}
