package execmem

// On amd64 instruction fetch is coherent with data stores, including stores
// made on other cores (self- and cross-modifying code are handled in
// hardware, and the pages are fresh): nothing to do.

func flushICache([]byte) {}

func syncCores() {}
