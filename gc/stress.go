package gc

import "os"

// StressEnv is the environment variable that turns on stress mode and
// poisoning (Config.Stress and Config.Poison) for the heaps of every
// Store: SABLE_GC_STRESS=1.
const StressEnv = "SABLE_GC_STRESS"

// StressFromEnv reports whether StressEnv asks for stress mode: set, and
// neither empty nor "0".
func StressFromEnv() bool {
	v := os.Getenv(StressEnv)
	return v != "" && v != "0"
}
