/* A stand-in for bcryptprimitives.dll, which Wine 8 (Debian 12) lacks and
 * Rust's standard library needs for ProcessPrng (random hash-map keys,
 * temporary file names). It answers from RtlGenRandom (SystemFunction036 in
 * advapi32), which Wine has. For tests under Wine only: never ship it.
 * Built by tests/windows/run.sh:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
