package document

import "strconv"

// Builder assembles a Document's input and its positions in one pass. A
// value goes in together with its range, through a cursor that stands for
// the value's place, so a scanner never spells a path twice (once into
// Input, once into Positions) and the two cannot drift apart.
//
// A zero Range (Range{}) records no range: the value then has the range of
// its nearest ancestor that has one, as a value the scanner never placed.
type Builder struct {
	root Object
	doc  *Document
}

// NewBuilder starts the document of one file: its input holds the
// tollgate Header of format and file, its positions none yet.
func NewBuilder(format, file string) *Builder {
	return Edit(&Document{Format: format, File: file, Input: map[string]any{"tollgate": Header(format, file)}})
}

// Edit is a builder over a document another stage built, to add to its
// input with ranges (a CDK stack's construct path).
func Edit(d *Document) *Builder {
	if d.Input == nil {
		d.Input = map[string]any{}
	}
	if d.Positions == nil {
		d.Positions = NewPositions()
	}
	return &Builder{root: Object{m: d.Input, n: &d.Positions.root}, doc: d}
}

// Root is the cursor of the input's top level (path []).
func (b *Builder) Root() Object { return b.root }

// Header is the cursor of the tollgate header, for scanners that add to it;
// a document without one gets the Header of its format and file.
func (b *Builder) Header() Object {
	m, ok := b.root.m["tollgate"].(map[string]any)
	if !ok {
		m = Header(b.doc.Format, b.doc.File)
		b.root.PutValue("tollgate", m)
	}
	return Object{m: m, n: b.root.n.child("tollgate")}
}

// Document is the document built so far; the builder keeps adding to it.
func (b *Builder) Document() *Document { return b.doc }

// Object is a cursor on one object of the input: its map and the node of
// the same path in the positions. It is a small value; copies share the
// object.
type Object struct {
	m map[string]any
	n *node
}

// At records r as the range of the object itself and returns the cursor.
// A later At replaces it (a Dockerfile stage grows with each instruction).
func (o Object) At(r Range) Object {
	o.n.rng, o.n.has = r, r != (Range{})
	return o
}

// Put stores v at key and records r as its range. v may be a whole
// subtree built by hand: its values without a range of their own take r.
// Put replaces whatever key held, the ranges recorded under it included.
func (o Object) Put(key string, v any, r Range) {
	o.m[key] = v
	if r == (Range{}) {
		delete(o.n.children, key)
		return
	}
	c := o.n.child(key)
	c.children = nil
	c.set(r)
}

// PutValue stores v at key with no range of its own.
func (o Object) PutValue(key string, v any) { o.Put(key, v, Range{}) }

// Object stores m at key (a new empty object when m is nil) and returns
// its cursor, without a range until At gives it one.
func (o Object) Object(key string, m map[string]any) Object {
	if m == nil {
		m = map[string]any{}
	}
	o.m[key] = m
	c := o.n.child(key)
	c.children, c.has = nil, false
	return Object{m: m, n: c}
}

// List stores a new empty array at key, with room for n elements, and
// returns its cursor. The array is in the input at once, [] and not null
// while it has no elements.
func (o Object) List(key string, n int) *List {
	l := &List{owner: o.m, key: key, items: make([]any, 0, n)}
	o.m[key] = l.items
	l.n = o.n.child(key)
	l.n.children, l.n.has = nil, false
	return l
}

// List is a cursor on one array of the input. Each element is appended with
// its range at the next index.
type List struct {
	owner map[string]any // the object that holds the array, at key
	key   string
	items []any
	n     *node
}

// Add appends v and records r as its range.
func (l *List) Add(v any, r Range) {
	if r != (Range{}) {
		l.n.child(strconv.Itoa(len(l.items))).set(r)
	}
	l.push(v)
}

// Object appends m (a new empty object when m is nil) and returns its
// cursor, without a range until At gives it one.
func (l *List) Object(m map[string]any) Object {
	if m == nil {
		m = map[string]any{}
	}
	c := l.n.child(strconv.Itoa(len(l.items)))
	l.push(m)
	return Object{m: m, n: c}
}

// Len is the number of elements so far.
func (l *List) Len() int { return len(l.items) }

// push appends to the array and stores it back in its owner, whose copy
// of the slice header would otherwise miss the element.
func (l *List) push(v any) {
	l.items = append(l.items, v)
	l.owner[l.key] = l.items
}
