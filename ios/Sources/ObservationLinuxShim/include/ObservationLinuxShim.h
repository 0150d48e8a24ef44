// See shim.cpp: nothing to import, the target only defines a symbol the linker needs on Linux.
