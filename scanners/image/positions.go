package image

import "github.com/tollgate-dev/tollgate/document"

// places says where in an image each input value comes from. Images have
// no source lines: every range stays at 1:1 of the archive or reference
// (the only place code hosts that know files can point), and its Within
// names the file and the layer that wrote it, or the config or manifest.
type places struct {
	file     string   // the archive, layout or reference scanned
	image    string   // the image's reference, when file does not say it
	manifest string   // manifest digest
	config   string   // config digest
	layers   []string // layer digests, by index
}

func (p places) at(w document.Within) document.Range {
	w.Image = p.image
	return document.Range{File: p.file, Line: 1, Column: 1, Within: &w}
}

// inFile places a value in a file of the final filesystem, at a line of
// it when line > 0.
func (p places) inFile(f *File, line int) document.Range {
	layer := f.Layer
	return p.at(document.Within{Path: f.Path, Line: line, Layer: &layer, Digest: p.layers[f.Layer]})
}

// manifestRange is the place of what is not a file: the signature, the
// base, annotations, and the image as a whole.
func (p places) manifestRange() document.Range {
	return p.at(document.Within{Path: document.WithinManifest, Digest: p.manifest})
}

// configRange is the place of the config and the history.
func (p places) configRange() document.Range {
	return p.at(document.Within{Path: document.WithinConfig, Digest: p.config})
}

// files puts the listed files, in input order, each at its file.
func (p places) files(input document.Object, listed []*File) {
	l := input.List("files", len(listed))
	for _, f := range listed {
		l.Add(fileValue(f, true), p.inFile(f, 0))
	}
}

// accounts puts the accounts, in passwd order, each at its line of
// /etc/passwd; fs is the whole final filesystem.
func (p places) accounts(input document.Object, accts []Account, fs map[string]*File) {
	l := input.List("accounts", len(accts))
	passwd := fs[passwdPath]
	for _, a := range accts {
		acct := l.Object(accountValue(a)).At(p.inFile(passwd, a.Line))
		// The password state may come from /etc/shadow: point at the
		// line that decided it (its content never reaches the input).
		var decided document.Range
		if f, ok := fs[a.PasswordFrom]; ok && a.PasswordFrom != passwdPath {
			decided = p.inFile(f, a.PasswordLine)
		}
		acct.Put("password", a.Password, decided)
	}
}
