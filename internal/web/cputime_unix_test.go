//go:build unix

package web_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) the test process has used:
// a benchmark's cost that does not depend on how busy the machine is.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
