package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/partial"
	"github.com/google/go-containerregistry/pkg/v1/types"

	"github.com/tollgate-dev/tollgate/fsread"
)

// maxManifestSize bounds the JSON documents read whole from an archive.
const maxManifestSize = 8 << 20

// ociArchive is a tar of an OCI layout read in place: one pass records
// where each member's data sits, and blobs are then read as sections of
// the file. Nothing is extracted.
type ociArchive struct {
	path    string
	entries map[string]section
	ctx     context.Context // the run's: blob reads stop with it (the v1 interfaces take none)
}

type section struct{ off, size int64 }

// countingReader tracks the offset tar.Reader has consumed and lets it
// seek over member data instead of reading it.
type countingReader struct {
	f   *fsread.File
	off int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.f.Read(p)
	c.off += int64(n)
	return n, err
}

func (c *countingReader) Seek(offset int64, whence int) (int64, error) {
	n, err := c.f.Seek(offset, whence)
	if err == nil {
		c.off = n
	}
	return n, err
}

func indexTar(ctx context.Context, f *fsread.File) (*ociArchive, error) {
	cr := &countingReader{f: f}
	tr := tar.NewReader(cr)
	a := &ociArchive{path: f.Name(), entries: map[string]section{}, ctx: ctx}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading tar: %w", err)
		}
		if hdr.Typeflag != tar.TypeReg {
			continue
		}
		a.entries[strings.TrimPrefix(cleanName(hdr.Name), "/")] = section{off: cr.off, size: hdr.Size}
	}
	if len(a.entries) == 0 {
		return nil, errors.New("not a tar archive or an empty one")
	}
	return a, nil
}

type sectionReadCloser struct {
	*io.SectionReader
	f *fsread.File
}

func (s sectionReadCloser) Close() error { return s.f.Close() }

func (a *ociArchive) open(name string) (io.ReadCloser, int64, error) {
	s, ok := a.entries[name]
	if !ok {
		return nil, 0, fmt.Errorf("%s not in archive", name)
	}
	f, err := fsread.Open(a.ctx, a.path)
	if err != nil {
		return nil, 0, err
	}
	return sectionReadCloser{io.NewSectionReader(f, s.off, s.size), f}, s.size, nil
}

func (a *ociArchive) read(name string) ([]byte, error) {
	rc, size, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if size > maxManifestSize {
		return nil, fmt.Errorf("%s: %d bytes is too large for a manifest", name, size)
	}
	return io.ReadAll(rc)
}

func blobName(h v1.Hash) string { return path.Join("blobs", h.Algorithm, h.Hex) }

// readBlob reads a manifest or config blob and verifies its digest.
func (a *ociArchive) readBlob(h v1.Hash) ([]byte, error) {
	b, err := a.read(blobName(h))
	if err != nil {
		return nil, err
	}
	got, _, err := v1.SHA256(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if got != h {
		return nil, fmt.Errorf("blob %s has digest %s", h, got)
	}
	return b, nil
}

func (a *ociArchive) index(string) (v1.ImageIndex, error) {
	raw, err := a.read("index.json")
	if err != nil {
		return nil, err
	}
	return &archiveIndex{a: a, raw: raw}, nil
}

type archiveIndex struct {
	a   *ociArchive
	raw []byte
}

func (x *archiveIndex) MediaType() (types.MediaType, error) {
	m, err := x.IndexManifest()
	if err != nil {
		return "", err
	}
	if m.MediaType != "" {
		return m.MediaType, nil
	}
	return types.OCIImageIndex, nil
}
func (x *archiveIndex) Digest() (v1.Hash, error) {
	h, _, err := v1.SHA256(bytes.NewReader(x.raw))
	return h, err
}
func (x *archiveIndex) Size() (int64, error)         { return int64(len(x.raw)), nil }
func (x *archiveIndex) RawManifest() ([]byte, error) { return x.raw, nil }
func (x *archiveIndex) IndexManifest() (*v1.IndexManifest, error) {
	return v1.ParseIndexManifest(bytes.NewReader(x.raw))
}
func (x *archiveIndex) Image(h v1.Hash) (v1.Image, error) {
	raw, err := x.a.readBlob(h)
	if err != nil {
		return nil, err
	}
	m, err := v1.ParseManifest(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", h, err)
	}
	return partial.CompressedToImage(&archiveImage{a: x.a, raw: raw, m: m})
}
func (x *archiveIndex) ImageIndex(h v1.Hash) (v1.ImageIndex, error) {
	raw, err := x.a.readBlob(h)
	if err != nil {
		return nil, err
	}
	return &archiveIndex{a: x.a, raw: raw}, nil
}

type archiveImage struct {
	a   *ociArchive
	raw []byte
	m   *v1.Manifest
}

func (i *archiveImage) MediaType() (types.MediaType, error) {
	if i.m.MediaType != "" {
		return i.m.MediaType, nil
	}
	return types.OCIManifestSchema1, nil
}
func (i *archiveImage) RawManifest() ([]byte, error)   { return i.raw, nil }
func (i *archiveImage) RawConfigFile() ([]byte, error) { return i.a.readBlob(i.m.Config.Digest) }
func (i *archiveImage) LayerByDigest(h v1.Hash) (partial.CompressedLayer, error) {
	if h == i.m.Config.Digest {
		return &archiveLayer{a: i.a, d: i.m.Config}, nil
	}
	for _, l := range i.m.Layers {
		if l.Digest == h {
			return &archiveLayer{a: i.a, d: l}, nil
		}
	}
	return nil, fmt.Errorf("layer %s not in manifest", h)
}

type archiveLayer struct {
	a *ociArchive
	d v1.Descriptor
}

func (l *archiveLayer) Digest() (v1.Hash, error)            { return l.d.Digest, nil }
func (l *archiveLayer) Size() (int64, error)                { return l.d.Size, nil }
func (l *archiveLayer) MediaType() (types.MediaType, error) { return l.d.MediaType, nil }
func (l *archiveLayer) Compressed() (io.ReadCloser, error) {
	rc, _, err := l.a.open(blobName(l.d.Digest))
	return rc, err
}
