/*
 * bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it. Only for
 * scripts/test-windows-wine.sh: Go programs since Go 1.24 load
 * ProcessPrng from it at start, and every Windows 10 and 11 has it.
 * RtlGenRandom (advapi32's SystemFunction036) gives the same bytes.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
