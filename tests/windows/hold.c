/* hold FILE SECONDS: opens FILE with no sharing at all (as Word or Acrobat
 * holds a document), prints "holding" and keeps it open for SECONDS. The
 * Wine test (run.sh) runs papers meanwhile: it must fail with exit 2 and a
 * clear message, and leave FILE as it was.
 * Built by run.sh: x86_64-w64-mingw32-gcc -municode -O2 -o hold.exe hold.c
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: hold FILE SECONDS\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, 0 /* no sharing */, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold: cannot open the file (error %lu)\n", GetLastError());
        return 1;
    }
    printf("holding\n");
    fflush(stdout);
    Sleep((DWORD)_wtoi(argv[2]) * 1000);
    CloseHandle(h);
    return 0;
}
