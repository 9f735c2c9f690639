// libFuzzer's driver entry point (compiler-rt, -fsanitize=fuzzer). The fuzz executables call it
// from their own `main`, because SwiftPM gives every executable target a `main` of its own.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
