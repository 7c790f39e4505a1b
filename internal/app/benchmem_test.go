package app_test

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// runtimeMem is one sample of the process's memory: the Go heap in use and
// the resident set (VmRSS, Linux only; 0 elsewhere).
type runtimeMem struct{ heap, rss uint64 }

func (m *runtimeMem) read() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.heap = ms.HeapInuse
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			m.rss = kb << 10
		}
	}
}
