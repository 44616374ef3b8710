#include "commands.h"

#include <cstdio>

namespace chevet::cli {

int printHelp()
{
    std::fputs(R"(chevetctl - drive a Chevet device store from the command line

Store options (every command but news2):
  --store FILE        the store (or CHEVET_STORE)
  --pin PIN           the nurse's PIN (or CHEVET_PIN, or asked on the terminal)
  --device-key FILE   the device key file (or CHEVET_DEVICE_KEY; default in the user's data folder)
  --nurse ID          who is recording, and whose PIN unlocks (or CHEVET_NURSE; may be left out when
                      the store has one nurse). Unlocking counts wrong PINs as the app does: 3 free,
                      then waits of 30 s, 1 min, 5 min...; 8 lock the nurse out until her next full
                      sign-in, and the PIN works for 12 h after it.

Commands:
  init [--establishment OID]            create a sealed store
  status                                pending/delivered/quarantined counts, audit chain check,
                                        process hardening, the TLS pins and CA sync would use
  patients                              the patients on this device (IPP, DPI id, current stay)
  patient add --ipp ID --family NAME --given NAME --birth YYYY-MM-DD [--sex S] [--ins NIR]
  record vitals --patient IPP [--at ISO8601] [--rr N] [--spo2 N [--scale 2] [--oxygen]]
                [--sbp N --dbp N] [--pulse N] [--temp X] [--acvpu A|C|V|P|U] [--pain N]
                [--weight KG] [--glucose MMOL]
  record note --patient IPP --target TEXT [--data TEXT] [--actions TEXT] [--results TEXT]
  record administration --patient P --request R --slot ISO8601 [--not-given REASON] [--at ISO8601]
  task done --task T [--at ISO8601]
  administration-times [--set FILE]    the establishment's standard dose times (what "morning",
                                        "BID", "every 8 h" mean here); --set a JSON file, entries
                                        left out keep the French defaults (docs/dpi.md)
  sync --dpi URL [--unit ID | --patient ID ...] [--token T]   push the queue, pull the scope
                                        (with the stored sign-in unless --token is given)
  signin --dpi URL [--issuer URL] [--client-id ID] [--nurse ID]
                                        sign in with OpenID Connect (PKCE); prints the address to
                                        open in a browser, or with --nurse asks the development
                                        provider for that nurse (login_hint); tokens kept sealed
  signout                               forget the stored sign-in
  alerts [--all]                        open clinical alerts (possible double dose, stopped prescription)
  ack ID                                acknowledge an alert (signed by --nurse)
  conflicts                             records waiting for a person, with the DPI's version
  resolve ID --take local|remote|different-person|FILE
                                        decide a conflict (FILE: the merged FHIR resource); an
                                        identity conflict takes remote (same person as in the DPI)
                                        or different-person (kept on this device only); audited
  retry [RECORD]                        send quarantined records again (all, or one record id)
  list --patient IPP [--days N] [--text] a patient's allergies, vitals (NEWS2), notes, prescriptions, tasks
  nurse list                            nurse ids enrolled on this store (no PIN needed)
  nurse add ID [--new-pin PIN]          enrol a nurse with her own PIN (or CHEVET_NEW_PIN, or asked);
                                        unlocked by --nurse; her first unlock waits for her own
                                        'signin --nurse ID' (development builds: --first-sign-in-here
                                        counts the enrolment as her sign-in, for stores without one)
  nurse remove ID                       remove a nurse's PIN; her records stay (not the last nurse);
                                        the data key is replaced, and lists who must be enrolled again
  key replace                           replace the data key (a PIN or a copy of the file is feared
                                        known); every nurse takes the new key at her next unlock
  purge [--dry-run] [--max-age-days N]  erase delivered data of discharged patients and of patients
                                        untouched for N days (default 30); lists erased and kept
                                        local patient ids with the reason, never patient data
  erase-device [--force]                forget the device: key slots and the device key are destroyed,
                                        so no PIN opens the store or a copy of it again; refused while
                                        anything is undelivered unless --force (audited)
  news2 --rr N --spo2 N [--scale 2] [--oxygen] --sbp N --pulse N --acvpu L --temp X

--patient accepts an IPP of the store's establishment, the DPI's id or the local id; --request and
--task accept the DPI's id or the local id. CHEVET_DPI and CHEVET_TOKEN may replace --dpi and --token.

TLS (sync, signin, status): --dpi-pin sha256/BASE64 (repeatable; or CHEVET_DPI_PINS, comma-separated)
pins the DPI's public key: any other key is refused even with a valid certificate; --idp-pin (or
CHEVET_IDP_PINS) pins the identity provider's the same way. --ca FILE (or CHEVET_CA) trusts one more
CA, in PEM, beside the system's.

Output is JSON on stdout. Errors are one line on stderr; exit 2 for bad input, 1 for failures.
)",
               stdout);
    return 0;
}

} // namespace chevet::cli
