package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// errPartial is returned by xliff import when some units were in conflict
// or refused: the import happened, but not all of it (exit status 1).
var errPartial = errors.New("some units were not imported (see above)")

func xliffCmd(env Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "xliff",
		Short: "Export an edition for a CAT tool (XLIFF, OmegaT) and import the translated file",
		Long: `Translators who work in their own CAT tool (OmegaT, Trados, memoQ…) take an
edition out as an XLIFF file and bring it back:

  pressroom xliff export EDITION_ID                 XLIFF 2.1
  pressroom xliff export --version 1.2 EDITION_ID   XLIFF 1.2
  pressroom xliff export --omegat EDITION_ID        a ready OmegaT project (zip)
  pressroom xliff import FILE                       bring the translated file back

Both talk to a running server (--server) with a token (--token or
PRESSROOM_TOKEN) of a translator of the edition's language, an editor or an
admin.`,
	}
	cmd.AddCommand(xliffExportCmd(env), xliffImportCmd(env))
	return cmd
}

func xliffExportCmd(env Env) *cobra.Command {
	var server, token, version, output string
	var omegat bool
	cmd := &cobra.Command{
		Use:   "export [flags] EDITION_ID",
		Short: "Save an edition as an XLIFF file or an OmegaT project",
		Long: `export saves the edition as an XLIFF file (2.1, or 1.2 with --version 1.2) or,
with --omegat, as a zip that is a ready OmegaT project: unzip it, open the folder
in OmegaT, translate, and import the file OmegaT writes to target/. The file is
saved under the name the server gives (e.g. port-strike-es-2.1.xlf) in the
current directory, or to --output (- for standard output); its path is printed.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				return usagef("xliff export needs --token (or PRESSROOM_TOKEN)")
			}
			path := "/api/v1/editions/" + args[0] + "/xliff?version=" + version
			if omegat {
				if cmd.Flags().Changed("version") {
					return usagef("--omegat makes an XLIFF 1.2 project; leave out --version")
				}
				path = "/api/v1/editions/" + args[0] + "/omegat"
			} else if version != "2.1" && version != "1.2" {
				return usagef("--version %q: want 2.1 or 1.2", version)
			}
			resp, err := rawRequest(cmd.Context(), server, token, http.MethodGet, path, "", nil)
			if err != nil {
				return err
			}
			if output == "-" {
				_, err := env.Stdout.Write(resp.body)
				return err
			}
			if output == "" {
				output = "edition.xlf"
				if _, p, err := mime.ParseMediaType(resp.header.Get("Content-Disposition")); err == nil && p["filename"] != "" {
					output = filepath.Base(p["filename"])
				}
			}
			if err := os.WriteFile(output, resp.body, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, output)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "server", "http://localhost:8080", "base URL of the pressroom server")
	f.StringVar(&token, "token", "", "API token")
	f.StringVar(&version, "version", "2.1", "XLIFF version: 2.1 or 1.2")
	f.BoolVar(&omegat, "omegat", false, "save a ready OmegaT project (zip) instead")
	f.StringVarP(&output, "output", "o", "", "file to write (- for standard output); default: the name the server gives")
	return cmd
}

func xliffImportCmd(env Env) *cobra.Command {
	var server, token string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import [flags] FILE",
		Short: "Bring a translated XLIFF file back",
		Long: `import sends FILE (an export, as the CAT tool saved it; for OmegaT the file in
the project's target/ folder) to the edition it came from, and prints what was
done: segments updated (and approved, for units marked final), unchanged, in
conflict (changed in pressroom since the export; both texts are printed and
nothing is overwritten) and refused, with the reason.

Exit status: 0 when every unit was taken or unchanged, 1 when some were in
conflict or refused, 2 when the file was refused as a whole (another edition,
language or article revision, not XLIFF, too large) or the flags are wrong.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				return usagef("xliff import needs --token (or PRESSROOM_TOKEN)")
			}
			raw, err := os.ReadFile(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			// Read it here first: a file that is not one of ours is
			// reported without a round trip, and it names its edition.
			f, err := xliff.Parse(raw)
			var xe *xliff.Error
			if errors.As(err, &xe) {
				return usagef("%s: %s (%s)", args[0], xe.Message, xe.Code)
			} else if err != nil {
				return usagef("%s: %v", args[0], err)
			}
			resp, err := rawRequest(cmd.Context(), server, token, http.MethodPut, "/api/v1/editions/"+f.EditionID+"/xliff",
				"application/xliff+xml", raw)
			if err != nil {
				return err
			}
			if asJSON {
				if _, err := env.Stdout.Write(resp.body); err != nil {
					return err
				}
			}
			var sum importSummary
			if err := json.Unmarshal(resp.body, &sum); err != nil {
				return fmt.Errorf("reading the server's answer: %w", err)
			}
			if !asJSON {
				sum.print(env.Stdout)
			}
			if sum.Counts.Conflicts+sum.Counts.Refused > 0 {
				return errPartial
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&server, "server", "http://localhost:8080", "base URL of the pressroom server")
	f.StringVar(&token, "token", "", "API token")
	f.BoolVar(&asJSON, "json", false, "print the server's summary as JSON")
	return cmd
}

// importSummary is the part of the server's import summary printed.
type importSummary struct {
	EditionID string `json:"edition_id"`
	Format    string `json:"format"`
	Units     int    `json:"units"`
	Counts    struct {
		Updated, Approved, Unchanged, Conflicts, Refused int
	} `json:"counts"`
	Updated []struct {
		Number          int    `json:"number"`
		Target          string `json:"target"`
		Status          string `json:"status"`
		ApprovalRefused *struct {
			Code, Message string
		} `json:"approval_refused"`
	} `json:"updated"`
	Conflicts []struct {
		Number int    `json:"number"`
		Source string `json:"source"`
		Mine   string `json:"mine"`
		Theirs struct {
			Target string `json:"target"`
			ByName string `json:"by_name"`
		} `json:"theirs"`
	} `json:"conflicts"`
	Refused []struct {
		ID      string `json:"id"`
		Number  int    `json:"number"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"refused"`
}

func (s importSummary) print(w io.Writer) {
	c := s.Counts
	fmt.Fprintf(w, "%s: %d units: %d updated (%d approved), %d unchanged, %d in conflict, %d refused\n",
		s.EditionID, s.Units, c.Updated, c.Approved, c.Unchanged, c.Conflicts, c.Refused)
	for _, u := range s.Updated {
		if u.ApprovalRefused != nil {
			fmt.Fprintf(w, "segment %d: saved, not approved: %s (%s)\n", u.Number, u.ApprovalRefused.Message, u.ApprovalRefused.Code)
		}
	}
	for _, k := range s.Conflicts {
		by := ""
		if k.Theirs.ByName != "" {
			by = " (" + k.Theirs.ByName + ")"
		}
		fmt.Fprintf(w, "segment %d: conflict, changed in pressroom since the export; nothing overwritten\n  source:    %s\n  file:      %s\n  pressroom: %s%s\n",
			k.Number, k.Source, k.Mine, k.Theirs.Target, by)
	}
	for _, r := range s.Refused {
		where := fmt.Sprintf("segment %d", r.Number)
		if r.Number == 0 {
			where = "unit " + r.ID
		}
		fmt.Fprintf(w, "%s: refused: %s (%s)\n", where, r.Message, r.Code)
	}
}

type rawResponse struct {
	header http.Header
	body   []byte
}

// rawRequest sends a request with a raw body and returns a 2xx answer. An
// answer of 4xx is a usage error (the file, the token or the id was
// refused), with the server's code and message.
func rawRequest(ctx context.Context, server, token, method, path, contentType string, body []byte) (rawResponse, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	r, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(server, "/")+path, rd)
	if err != nil {
		return rawResponse{}, usagef("--server %q: %v", server, err)
	}
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	r.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 5 * time.Minute}).Do(r)
	if err != nil {
		return rawResponse{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return rawResponse{}, err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		err := fmt.Errorf("server answered %s", resp.Status)
		if json.Unmarshal(raw, &e) == nil && e.Error.Code != "" {
			err = fmt.Errorf("%s (%s, HTTP %d)", e.Error.Message, e.Error.Code, resp.StatusCode)
		}
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return rawResponse{}, usageError{err}
		}
		return rawResponse{}, err
	}
	return rawResponse{header: resp.Header, body: raw}, nil
}
