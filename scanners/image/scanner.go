// Package image turns a container image (from a registry, a docker save or
// OCI archive tar, or an OCI layout directory) into policy input documents:
// one per platform image, with its config, history, annotations, layers
// and an index of its final filesystem read from the layer streams.
package image

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/tollgate-dev/tollgate/credentials"
	"github.com/tollgate-dev/tollgate/document"
	"github.com/tollgate-dev/tollgate/scanners"
)

// Annotation keys that name the base image (OCI image spec).
const (
	AnnotationBaseName   = "org.opencontainers.image.base.name"
	AnnotationBaseDigest = "org.opencontainers.image.base.digest"
)

// Scanner scans container images.
type Scanner struct {
	Options Options
}

var _ scanners.Scanner = (*Scanner)(nil)

// Name implements scanners.Scanner.
func (s *Scanner) Name() string { return document.FormatImage }

// Scan implements scanners.Scanner: u.Path is an OCI layout directory or
// a tar file when one exists at that path, else a registry reference.
func (s *Scanner) Scan(ctx context.Context, u scanners.Unit) (scanners.Result, error) {
	src := Source{Reference: u.Path}
	if fi, err := os.Stat(u.Path); err == nil {
		if fi.IsDir() {
			src = Source{Layout: u.Path}
		} else {
			src = Source{Tarball: u.Path}
		}
	}
	return s.ScanSource(ctx, src)
}

// ScanSource scans every selected image of a source.
func (s *Scanner) ScanSource(ctx context.Context, src Source) (scanners.Result, error) {
	targets, err := load(ctx, src, s.Options)
	if err != nil {
		return scanners.Result{}, err
	}
	var res scanners.Result
	for _, t := range targets {
		if err := ctx.Err(); err != nil {
			return scanners.Result{}, err
		}
		doc, err := s.document(ctx, src, t)
		if err != nil {
			return scanners.Result{}, err
		}
		res.Documents = append(res.Documents, doc)
	}
	return res, nil
}

func (s *Scanner) document(ctx context.Context, src Source, t target) (*document.Document, error) {
	fail := func(err error) error { return fmt.Errorf("%s: %w", t.ref, err) }
	img := t.img
	mdig, err := img.Digest()
	if err != nil {
		return nil, fail(err)
	}
	mt, err := img.MediaType()
	if err != nil {
		return nil, fail(err)
	}
	manifest, err := img.Manifest()
	if err != nil {
		return nil, fail(err)
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return nil, fail(fmt.Errorf("config: %w", err))
	}
	layers, err := img.Layers()
	if err != nil {
		return nil, fail(err)
	}

	platform := map[string]any{"os": cfg.OS, "architecture": cfg.Architecture, "variant": cfg.Variant}
	platformStr := (&v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant}).String()
	if t.platform != nil {
		platformStr = t.platform.String()
	}
	key := t.ref
	if t.multi {
		key = fmt.Sprintf("%s [%s]", t.ref, platformStr)
	}
	file := src.String()
	if src.Tarball != "" || src.Layout != "" {
		file = filepath.ToSlash(file)
	}

	annotations := map[string]any{}
	for k, v := range t.indexAnns {
		annotations[k] = v
	}
	for k, v := range manifest.Annotations {
		annotations[k] = v
	}

	if len(cfg.RootFS.DiffIDs) != len(layers) {
		// Without one diff_id per layer the layers cannot be verified.
		return nil, fail(fmt.Errorf("config lists %d rootfs.diff_ids for %d layers", len(cfg.RootFS.DiffIDs), len(layers)))
	}
	layerVals := make([]any, 0, len(layers))
	layerDigests := make([]string, 0, len(layers))
	x := newFSIndex(s.Options.Triage)
	for i, l := range layers {
		d, err := l.Digest()
		if err != nil {
			return nil, fail(fmt.Errorf("layer %d: %w", i, err))
		}
		layerDigests = append(layerDigests, d.String())
		lv := map[string]any{"index": int64(i), "digest": d.String(), "diff_id": cfg.RootFS.DiffIDs[i].String()}
		if size, err := l.Size(); err == nil {
			lv["size"] = size
		}
		if lmt, err := l.MediaType(); err == nil {
			lv["media_type"] = string(lmt)
		}
		layerVals = append(layerVals, lv)
		if err := walkLayer(x, i, l, cfg.RootFS.DiffIDs[i], !t.dockerSave); err != nil {
			if errors.Is(err, ErrLayerDigest) {
				return nil, fail(err) // it names the layer and both digests
			}
			return nil, fail(fmt.Errorf("layer %s: %w", d, err))
		}
	}

	accts, err := accounts(x.files)
	if err != nil {
		return nil, fail(err)
	}
	files := x.sorted()
	for _, f := range files {
		if secretFile(f.Path) {
			f.Content = nil // password hashes never reach the input
		}
	}
	if err := keepFlagged(files); err != nil {
		return nil, fail(err)
	}
	var listed []*File
	var total int64
	for _, f := range files {
		total += f.Size
		if s.Options.FullFileIndex || interesting(f) || f.Content != nil {
			listed = append(listed, f)
		}
	}
	anoms := make([]any, 0, len(x.anomalies))
	for _, a := range x.anomalies {
		anoms = append(anoms, map[string]any{"layer": int64(a.Layer), "name": a.Name, "reason": a.Reason})
	}

	base := any(nil)
	if n, ok := annotations[AnnotationBaseName].(string); ok && n != "" {
		b := map[string]any{"name": n, "digest": "", "source": "annotation"}
		if d, ok := annotations[AnnotationBaseDigest].(string); ok {
			b["digest"] = d
		}
		base = b
	} else if len(s.Options.BaseImages) > 0 {
		cands := make([]v1.Image, len(s.Options.BaseImages))
		for i, b := range s.Options.BaseImages {
			cands[i] = b.Image
		}
		if i, ok := MatchBase(img, cands); ok {
			b := map[string]any{"name": s.Options.BaseImages[i].Name, "digest": "", "source": "layers"}
			if d, err := cands[i].Digest(); err == nil {
				b["digest"] = d.String()
			}
			base = b
		}
	}

	at := places{file: file, manifest: mdig.String(), config: manifest.Config.Digest.String(), layers: layerDigests}
	if key != file {
		at.image = key
	}
	b := document.NewBuilder(document.FormatImage, file)
	input := b.Root().At(at.manifestRange())
	input.PutValue("resource", key)
	input.PutValue("reference", t.ref)
	input.PutValue("source", src.kind())
	input.PutValue("manifest_digest", mdig.String())
	input.PutValue("media_type", string(mt))
	indexDig := any(nil)
	if t.indexDig != "" {
		indexDig = t.indexDig
	}
	input.PutValue("index_digest", indexDig)
	input.PutValue("config_digest", manifest.Config.Digest.String())
	cfgAt := at.configRange()
	input.Put("platform", platform, cfgAt)
	created := any(nil)
	if !cfg.Created.IsZero() {
		created = cfg.Created.UTC().Format("2006-01-02T15:04:05Z")
	}
	input.Put("created", created, cfgAt)
	input.Put("config", configValue(cfg.Config), cfgAt)
	input.Put("history", historyValue(cfg.History), cfgAt)
	input.PutValue("annotations", annotations)
	input.PutValue("layers", layerVals)
	input.PutValue("base", base)
	at.files(input, listed)
	input.PutValue("file_stats", map[string]any{
		"count":      int64(len(files)),
		"total_size": total,
		"listed":     int64(len(listed)),
		"complete":   s.Options.FullFileIndex,
	})
	input.PutValue("tar_anomalies", anoms)
	at.accounts(input, accts, x.files)
	input.PutValue("signature", nil)
	if len(s.Options.SigningKeys) > 0 {
		sig, err := s.checkSignature(ctx, src, t, mdig)
		if err != nil {
			return nil, fail(fmt.Errorf("signature: %w", err))
		}
		input.PutValue("signature", sig.value())
		if b, ok := base.(map[string]any); ok {
			bs, err := s.checkBaseSignature(ctx, b)
			if err != nil {
				return nil, fail(fmt.Errorf("base image signature: %w", err))
			}
			if bs != nil {
				b["signature"] = bs.value()
			}
		}
	}
	doc := b.Document()
	doc.Resources = map[string]document.Resource{key: {Type: "image"}}
	return doc, nil
}

// walkLayer streams one layer once, hashing it as it is read, and drains
// the rest of the stream so that the whole layer is verified against the
// digests the image records (see openVerified).
func walkLayer(x *fsIndex, i int, l v1.Layer, diffID v1.Hash, blob bool) error {
	rc, err := openVerified(i, l, diffID, blob)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := x.applyLayer(i, rc); err != nil {
		return rc.explain(err)
	}
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return rc.explain(err)
	}
	if err := rc.check(); err != nil {
		return err
	}
	return rc.Close()
}

func strList(in []string) []any {
	out := make([]any, 0, len(in))
	for _, s := range in {
		out = append(out, s)
	}
	return out
}

func configValue(c v1.Config) map[string]any {
	envMap := map[string]any{}
	for _, e := range c.Env {
		k, v, _ := strings.Cut(e, "=")
		envMap[k] = v
	}
	ports := make([]string, 0, len(c.ExposedPorts))
	for p := range c.ExposedPorts {
		ports = append(ports, p)
	}
	sort.Strings(ports)
	vols := make([]string, 0, len(c.Volumes))
	for v := range c.Volumes {
		vols = append(vols, v)
	}
	sort.Strings(vols)
	labels := map[string]any{}
	for k, v := range c.Labels {
		labels[k] = v
	}
	out := map[string]any{
		"user":          c.User,
		"env":           strList(c.Env),
		"env_map":       envMap,
		"entrypoint":    strList(c.Entrypoint),
		"cmd":           strList(c.Cmd),
		"exposed_ports": strList(ports),
		"volumes":       strList(vols),
		"labels":        labels,
		"working_dir":   c.WorkingDir,
		"stop_signal":   c.StopSignal,
		"shell":         strList(c.Shell),
		"healthcheck":   nil,
	}
	if h := c.Healthcheck; h != nil {
		out["healthcheck"] = map[string]any{
			"test":         strList(h.Test),
			"interval":     h.Interval.String(),
			"timeout":      h.Timeout.String(),
			"start_period": h.StartPeriod.String(),
			"retries":      int64(h.Retries),
		}
	}
	return out
}

func historyValue(h []v1.History) []any {
	out := make([]any, 0, len(h))
	for _, e := range h {
		v := map[string]any{
			"created_by":  e.CreatedBy,
			"comment":     e.Comment,
			"author":      e.Author,
			"empty_layer": e.EmptyLayer,
			"created":     nil,
		}
		if !e.Created.IsZero() {
			v["created"] = e.Created.UTC().Format("2006-01-02T15:04:05Z")
		}
		out = append(out, v)
	}
	return out
}

// keepFlagged checks the small text files whose content was kept with the
// credential detector, the one plain files and IaC strings go through, and
// keeps the content only of those it flags: they are listed in the input
// for the known-pattern rule, the others dropped. Files the triage names
// keep theirs: the policies asked for it.
func keepFlagged(files []*File) error {
	var det *credentials.Detector
	for _, f := range files {
		if f.Content == nil || f.named {
			continue
		}
		if det == nil {
			var err error
			if det, err = credentials.Default(); err != nil {
				return err
			}
		}
		if len(det.Find(f.Path, string(f.Content))) == 0 {
			f.Content = nil
		}
	}
	return nil
}
