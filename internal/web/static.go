package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles are the script and style sheet, addressed by a hash of their
// content (/static/<hash>/app.js) so browsers may cache them for good and
// still get a new version the moment it changes.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	hash string
	data []byte
	ct   string
}

func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		sf.files[path.Base(p)] = staticFile{hash: hex.EncodeToString(h[:6]), data: b, ct: mime.TypeByExtension(path.Ext(p))}
		return nil
	})
	return sf, err
}

// path is the template function "static": the versioned URL of a file.
func (sf *staticFiles) path(name string) string {
	f, ok := sf.files[name]
	if !ok {
		return "/static/missing/" + name
	}
	return "/static/" + f.hash + "/" + name
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static.files[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.PathValue("hash") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	if f.ct != "" {
		w.Header().Set("Content-Type", f.ct)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
}
