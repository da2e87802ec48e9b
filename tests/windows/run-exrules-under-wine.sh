#!/usr/bin/env bash
# Runs the release bundle's Windows entry points (exrules\exrules.exe and exrules\exrules.cmd) under Wine on the
# Windows x64 .NET runtime, as an admin runs them on the Exchange server, and checks exit codes and output:
#   - the runtime is laid out as its installer does (C:\Program Files\dotnet: host\fxr + shared\Microsoft.NETCore.App),
#     taken from the Windows runtime pack on NuGet at the version this SDK targets;
#   - the bundle is unpacked under "C:\Program Files\ExchangeRules <version>" (a path with spaces);
#   - validate: the sample rules (exit 0), a broken CRLF rules file (exit 1, file:line:column at the right line),
#     a rules file with a non-ASCII name; through exrules.exe, through exrules.cmd from a cmd script in another
#     folder (%~dp0, quoting, exit code passed on) and as typed in the exrules folder (`exrules validate ...`);
#   - apply: the sample message and a Shift_JIS corpus message; the results must equal, byte for byte apart from
#     the random MIME boundary, what `dotnet exrules.dll apply` writes on Linux from the same bundle;
#   - apply with paths typed with forward slashes (C:/messages/...) prints them with backslashes only;
#   - without a .NET runtime, exrules.exe (and exrules.cmd) fail with the host's "install .NET" message.
# Usage: tests/windows/run-exrules-under-wine.sh [ExchangeRules-<version>.zip]
#   (default: the newest artifacts/ExchangeRules-*.zip; make it with `dotnet pwsh ./build.ps1 -Pack`).
# Needs the Debian packages wine and wine64 (installed here when missing and run as root), dotnet and unzip.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
started=$SECONDS

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

step() {
    echo "==> $* ($((SECONDS - started)) s)"
}

zip=${1:-}
if [[ -z $zip ]]; then
    zip=$(ls -t "$repo"/artifacts/ExchangeRules-*.zip 2>/dev/null | head -n 1 || true)
    [[ -n $zip ]] || fail "no artifacts/ExchangeRules-*.zip: run 'dotnet pwsh ./build.ps1 -Pack' first, or pass the bundle."
fi
[[ -f $zip ]] || fail "no bundle at $zip"

if ! command -v wine >/dev/null || ! dpkg-query -W -f='${Status}' wine64 2>/dev/null | grep -q 'install ok installed'; then
    [[ $(id -u) == 0 ]] || fail "Wine is missing: sudo apt-get install -y --no-install-recommends wine wine64"
    step "Install Wine (Debian packages wine, wine64)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends wine wine64 >/dev/null ||
        { apt-get update >/dev/null && apt-get install -y --no-install-recommends wine wine64 >/dev/null; }
fi

work=$(mktemp -d /tmp/exrules-wine.XXXXXX)
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Gecko (HTML engine) download prompt and no desktop menu entries; mscoree stays: Wine's loader needs it to load
# the IL-only assemblies coreclr maps.
export WINEDLLOVERRIDES="mshtml=;winemenubuilder.exe="
unset DOTNET_ROOT DOTNET_ROOT_X64
cleanup() {
    # Ends the wineserver of this prefix only (and with it the processes it started), then the prefix.
    wineserver -k >/dev/null 2>&1 || true
    if [[ ${KEEP_WINE_PREFIX:-} == 1 ]]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

step "The Windows x64 .NET runtime this SDK targets (NuGet runtime pack)"
probe="$work/runtime-probe"
mkdir -p "$probe"
cp "$repo/global.json" "$probe/"
cat >"$probe/RuntimeProbe.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RuntimeIdentifier>win-x64</RuntimeIdentifier>
    <SelfContained>true</SelfContained>
  </PropertyGroup>
</Project>
EOF
(cd "$probe" && dotnet restore --nologo -v quiet >/dev/null)
runtime_version=$(cd "$probe" && dotnet msbuild -nologo -getProperty:BundledNETCoreAppPackageVersion)
package_root=$(cd "$probe" && dotnet msbuild -nologo -getProperty:NuGetPackageRoot)
pack="${package_root%/}/microsoft.netcore.app.runtime.win-x64/$runtime_version/runtimes/win-x64"
[[ -f $pack/native/hostfxr.dll && -f $pack/native/coreclr.dll ]] || fail "no Windows runtime pack at $pack"

step "Wine prefix with .NET $runtime_version in C:\\Program Files\\dotnet"
wineboot -i >/dev/null 2>&1
wineserver -w
drive_c="$WINEPREFIX/drive_c"
dotnet_root="$drive_c/Program Files/dotnet"
framework="$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version"
mkdir -p "$dotnet_root/host/fxr/$runtime_version" "$framework"
cp "$pack/native/hostfxr.dll" "$dotnet_root/host/fxr/$runtime_version/"
cp "$pack"/lib/net10.0/* "$framework/"
find "$pack/native" -maxdepth 1 -type f ! -name hostfxr.dll ! -name '*.lib' ! -name '*.pdb' -exec cp {} "$framework/" \;

bundle_name=$(basename "$zip" .zip)
bundle_name="ExchangeRules ${bundle_name#ExchangeRules-}"
bundle="$drive_c/Program Files/$bundle_name"
win_bundle="C:\\Program Files\\$bundle_name"
step "Unpack $(basename "$zip") to $win_bundle"
mkdir -p "$bundle"
unzip -q "$zip" -d "$bundle"
for required in exrules/exrules.exe exrules/exrules.cmd exrules/exrules.dll samples/rules/rules.xml; do
    [[ -f $bundle/$required ]] || fail "the bundle has no $required"
done

# Runs a Windows command line; its output (stdout and stderr, CRs removed) goes to $output, its exit code to $code.
run() {
    set +e
    output=$(wine "$@" 2>&1 | tr -d '\r')
    code=${PIPESTATUS[0]}
    set -e
}

expect() {
    local what=$1 expected_code=$2 pattern=$3
    if [[ $expected_code == nonzero ]]; then
        [[ $code != 0 ]] || fail "$what: exit 0, expected a failure. Output:"$'\n'"$output"
    else
        [[ $code == "$expected_code" ]] || fail "$what: exit $code, expected $expected_code. Output:"$'\n'"$output"
    fi
    LC_ALL=C grep -Eq -- "$pattern" <<<"$output" || fail "$what: output does not match /$pattern/:"$'\n'"$output"
    echo "    ok: $what (exit $code): $(LC_ALL=C grep -E -m 1 -- "$pattern" <<<"$output")"
}

exe="$win_bundle\\exrules\\exrules.exe"
rules="$win_bundle\\samples\\rules\\rules.xml"

step "exrules.exe validate"
run "$exe" validate "$rules"
expect "exrules.exe validate <sample rules>" 0 'rules\.xml: valid'

# A rules file as Notepad saves it on the server (CRLF), with an unknown element on its own line.
sed 's/$/\r/' "$bundle/samples/rules/rules.xml" | sed 's#^</rules>\r$#  <notARule />\r\n</rules>\r#' \
    >"$bundle/samples/rules/broken-rules.xml"
broken_line=$(grep -n 'notARule' "$bundle/samples/rules/broken-rules.xml" | cut -d: -f1)
run "$exe" validate "$win_bundle\\samples\\rules\\broken-rules.xml"
expect "exrules.exe validate <broken CRLF rules>" 1 "broken-rules\\.xml:$broken_line:[0-9]+:.*notARule"

# A file name outside ASCII (the Windows wide-character file APIs); the name in the output is in the console's code
# page, so only its ASCII part is checked.
cp "$bundle/samples/rules/rules.xml" "$bundle/samples/rules/Regeln für Zürich.xml"
run "$exe" validate "$win_bundle\\samples\\rules\\Regeln für Zürich.xml"
expect "exrules.exe validate <non-ASCII file name>" 0 'Regeln f.+r Z.+rich\.xml: valid'

step "exrules.cmd from a cmd script in another folder, and 'exrules' typed in the exrules folder"
mkdir -p "$drive_c/deploy"
printf '%s\r\n' \
    '@echo off' \
    'cd /d C:\deploy' \
    "call \"$win_bundle\\exrules\\exrules.cmd\" validate \"$rules\"" \
    'echo launcher-exit=%ERRORLEVEL%' \
    "call \"$win_bundle\\exrules\\exrules.cmd\" validate \"$win_bundle\\samples\\rules\\broken-rules.xml\"" \
    'echo launcher-exit=%ERRORLEVEL%' \
    "cd /d \"$win_bundle\\exrules\"" \
    'exrules validate ..\samples\rules\rules.xml' \
    'echo typed-exit=%ERRORLEVEL%' \
    "call \"$win_bundle\\exrules\\exrules.cmd\" validate \"$win_bundle\\samples\\rules\\broken-rules.xml\" || exit /b 7" \
    'exit /b 0' >"$drive_c/deploy/check-rules.cmd"
run cmd /c 'C:\deploy\check-rules.cmd'
expect "exrules.cmd validate <sample rules>" 7 'rules\.xml: valid'
grep -q '^launcher-exit=0$' <<<"$output" || fail "exrules.cmd did not pass exit code 0 on:"$'\n'"$output"
expect "exrules.cmd validate <broken rules> passes exit 1 on" 7 "broken-rules\\.xml:$broken_line:[0-9]+:.*notARule"
grep -q '^launcher-exit=1$' <<<"$output" || fail "exrules.cmd did not pass exit code 1 on:"$'\n'"$output"
expect "'exrules validate' typed in the exrules folder" 7 'typed-exit=0'
echo "    ok: 'exrules.cmd ... || exit /b 7' stopped the script on invalid rules (exit $code)"

step "exrules.exe apply, compared with 'dotnet exrules.dll apply' on Linux"
corpus_message="$repo/tests/corpus/mail-rb/multi_charset/japanese_shift_jis.eml"
mkdir -p "$drive_c/messages"
cp "$bundle/samples/messages/onprem-to-internet.eml" "$corpus_message" "$drive_c/messages/"
apply_options=(--org "samples/org/contoso-hybrid.xml" --sender-authenticated --from alice@contoso.com --to bob@fabrikam.com)
win_apply_options=("${apply_options[@]}")
win_apply_options[1]="$win_bundle\\samples\\org\\contoso-hybrid.xml"
run "$exe" apply --rules "$rules" "${win_apply_options[@]}" --out "C:\\preview on windows" \
    'C:\messages\onprem-to-internet.eml' 'C:\messages\japanese_shift_jis.eml'
expect "exrules.exe apply <sample message, corpus Shift_JIS message>" 0 'onprem-to-internet\.eml: from alice@contoso\.com'
grep -q 'text/plain (Shift_JIS)' <<<"$output" || fail "apply did not stamp the Shift_JIS part:"$'\n'"$output"
(cd "$bundle" && dotnet exrules/exrules.dll apply --rules samples/rules/rules.xml "${apply_options[@]}" \
    --out "$work/preview-linux" "$drive_c/messages/onprem-to-internet.eml" "$drive_c/messages/japanese_shift_jis.eml" >/dev/null)
normalise() { sed -E 's/=-[A-Za-z0-9+\/]{22}==/=-BOUNDARY==/g' "$1"; }
for name in onprem-to-internet.eml japanese_shift_jis.eml; do
    windows="$drive_c/preview on windows/$name"
    [[ -f $windows ]] || fail "exrules.exe apply wrote no $name"
    cmp -s "$drive_c/messages/$name" "$windows" && fail "exrules.exe apply left $name unchanged: nothing was stamped"
    cmp -s <(normalise "$windows") <(normalise "$work/preview-linux/$name") ||
        fail "$name: exrules.exe on Windows wrote other bytes than exrules.dll on Linux"
    echo "    ok: $name stamped ($(stat -c %s "$drive_c/messages/$name") -> $(stat -c %s "$windows") bytes), same bytes as on Linux"
done

step "exrules.exe apply with paths typed with forward slashes"
run "$exe" apply --rules "$rules" "${win_apply_options[@]}" --out 'C:/preview slashes' 'C:/messages/onprem-to-internet.eml'
expect "exrules.exe apply <forward-slash paths> prints the message path with backslashes" 0 '^C:\\messages\\onprem-to-internet\.eml: from alice@contoso\.com'
grep -q 'written to C:\\preview slashes\\onprem-to-internet\.eml$' <<<"$output" ||
    fail "apply did not print the written file with backslashes only:"$'\n'"$output"
if grep -q 'C:/' <<<"$output"; then fail "apply printed a forward-slash path:"$'\n'"$output"; fi
echo "    ok: written to C:\\preview slashes\\onprem-to-internet.eml, no forward slash printed"

step "Without a .NET runtime"
mv "$dotnet_root" "$dotnet_root.hidden"
run "$exe" validate "$rules"
printf '%s\n' "$output" >"$work/without-runtime.txt"
expect "exrules.exe without .NET" nonzero 'You must install \.NET to run this application'
printf '%s\r\n' '@echo off' "call \"$win_bundle\\exrules\\exrules.cmd\" validate \"$rules\"" 'exit /b %ERRORLEVEL%' \
    >"$drive_c/deploy/check-without-runtime.cmd"
run cmd /c 'C:\deploy\check-without-runtime.cmd'
expect "exrules.cmd without .NET" nonzero 'You must install \.NET'
mv "$dotnet_root.hidden" "$dotnet_root"

step "Done: the bundle's Windows entry points pass under Wine ($(wine --version), .NET $runtime_version)"
