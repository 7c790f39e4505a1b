package translate

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// ApertiumModesDir is where Debian's apertium language-pair packages install
// their modes.
const ApertiumModesDir = "/usr/share/apertium/modes"

// RequiredApertiumModes are the modes pressroom needs for en→es, en→pt-BR
// (eng-spa then es-pt_BR) and en→pt-PT (eng-spa then es-pt).
var RequiredApertiumModes = []string{"eng-spa", "es-pt", "es-pt_BR"}

// ApertiumInstallHint tells an operator how to get the local engine.
const ApertiumInstallHint = "apt-get install apertium apertium-eng-spa apertium-es-pt"

// ModeLister reports the installed Apertium modes, or an error if Apertium
// is not installed. ListApertiumModes is the real one.
type ModeLister func(ctx context.Context) ([]string, error)

// ListApertiumModes runs `apertium -l`; if that fails it reads the modes
// directory, which is what the apertium script itself consults.
func ListApertiumModes(ctx context.Context) ([]string, error) {
	if _, err := exec.LookPath("apertium"); err != nil {
		return nil, fmt.Errorf("apertium binary not found in PATH: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "apertium", "-l").Output()
	if err == nil {
		var modes []string
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if m := strings.TrimSpace(sc.Text()); m != "" {
				modes = append(modes, m)
			}
		}
		if len(modes) > 0 {
			return modes, nil
		}
	}
	entries, derr := os.ReadDir(ApertiumModesDir)
	if derr != nil {
		return nil, fmt.Errorf("apertium -l: %v; reading %s: %w", err, ApertiumModesDir, derr)
	}
	var modes []string
	for _, e := range entries {
		if m, ok := strings.CutSuffix(e.Name(), ".mode"); ok {
			modes = append(modes, m)
		}
	}
	return modes, nil
}

// DefaultChain is the chain used when the operator names none: "apertium"
// when the apertium binary and its eng-spa, es-pt and es-pt_BR modes are
// installed, else "copy" (segments reach translators as copies of the
// source). The second result explains the choice for the start-up log.
// list is usually ListApertiumModes.
func DefaultChain(ctx context.Context, list ModeLister) ([]string, string) {
	modes, err := list(ctx)
	if err != nil {
		return []string{"copy"}, fmt.Sprintf(
			"machine translation: none (Apertium not found: %v); drafts are copies of the source for translators to overwrite. Install the local engine with: %s",
			err, ApertiumInstallHint)
	}
	var missing []string
	for _, m := range RequiredApertiumModes {
		if !slices.Contains(modes, m) {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		return []string{"copy"}, fmt.Sprintf(
			"machine translation: none (Apertium is installed but lacks the modes %s); drafts are copies of the source. Install the language data with: %s",
			strings.Join(missing, ", "), ApertiumInstallHint)
	}
	return []string{"apertium", "copy"}, fmt.Sprintf(
		"machine translation: local Apertium (modes %s found); segments it cannot translate fall back to copies of the source",
		strings.Join(RequiredApertiumModes, ", "))
}
