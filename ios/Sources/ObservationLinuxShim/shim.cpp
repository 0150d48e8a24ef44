// Debian trixie's swiftlang 6.0.3 ships libswiftObservation.so with an undefined reference to
// swift::threading::fatal, which upstream toolchains define inside the runtime: any program using
// @Observable fails to link there. This defines it (print, then abort, as the runtime does). Only
// built on Linux (see Package.swift); Apple's platforms have their own Observation.
#include <cstdarg>
#include <cstdio>
#include <cstdlib>

namespace swift {
namespace threading {
[[noreturn]] void fatal(const char *message, ...) {
    va_list args;
    va_start(args, message);
    std::vfprintf(stderr, message, args);
    va_end(args);
    std::abort();
}
} // namespace threading
} // namespace swift
