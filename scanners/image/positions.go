package image

import (
	"strconv"

	"github.com/tollgate-dev/tollgate/document"
)

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

// positions maps the input's paths to places: what is not a file (the
// signature, the base, annotations) is the manifest's; the config and the
// history are the config's; listed files and accounts are in their files.
// listed must be the files in input order, fs the whole final filesystem.
func (p places) positions(listed []*File, accts []Account, fs map[string]*File) *document.Positions {
	pos := document.NewPositions()
	pos.Set(nil, p.at(document.Within{Path: document.WithinManifest, Digest: p.manifest}))
	cfg := p.at(document.Within{Path: document.WithinConfig, Digest: p.config})
	for _, k := range []string{"config", "history", "created", "platform"} {
		pos.Set([]string{k}, cfg)
	}
	for i, f := range listed {
		pos.Set([]string{"files", strconv.Itoa(i)}, p.inFile(f, 0))
	}
	passwd := fs[passwdPath]
	for i, a := range accts {
		at := []string{"accounts", strconv.Itoa(i)}
		pos.Set(at, p.inFile(passwd, a.Line))
		// The password state may come from /etc/shadow: point at the
		// line that decided it (its content never reaches the input).
		if f, ok := fs[a.PasswordFrom]; ok && a.PasswordFrom != passwdPath {
			pos.Set(append(at, "password"), p.inFile(f, a.PasswordLine))
		}
	}
	return pos
}
