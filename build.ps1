<#
.SYNOPSIS
    The single build entry point of ExchangeRules (Windows PowerShell 5.1 and PowerShell 7 / `dotnet pwsh`).
.DESCRIPTION
    Without switches: restore, build (Release), test and pack. With -Prerequisites, -Test or -Pack: only those
    steps (building as needed). Any failing step stops the script with a non-zero exit code.
.PARAMETER Prerequisites
    On Linux, as root: installs the Debian packages the integration tests need when they are missing
    (apt-get, non-interactive). On Windows: nothing to install.
.PARAMETER Test
    Builds and runs every test project, then packs the install bundle and runs the admin tool from the unpacked
    bundle (`dotnet exrules/exrules.dll validate` and `apply` on the bundle's samples); its Windows entry points
    exrules.exe and exrules.cmd natively on Windows, under Wine elsewhere (tests/windows/run-exrules-under-wine.sh).
.PARAMETER Pack
    Builds and writes artifacts/ExchangeRules-<version>.zip: the agent and its dependencies (never a
    Microsoft.Exchange.* assembly), the admin tool exrules (framework-dependent, needs the .NET 10 runtime;
    exrules.exe on Windows), install/ scripts, the rules schema and samples/.
.PARAMETER Configuration
    The build configuration; Release by default.
.PARAMETER ExchangeReferencePath
    A folder with Microsoft.Exchange.Data.Transport.dll (and .Common.dll) copied from a server's V15\Public
    folder: the packed agent is then compiled against those instead of our reference assembly.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 -Prerequisites -Test
#>
[CmdletBinding()]
param(
    [switch] $Prerequisites,
    [switch] $Test,
    [switch] $Pack,
    [string] $Configuration = 'Release',
    [string] $ExchangeReferencePath = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$solution = Join-Path $root 'ExchangeRules.sln'
$agentProject = Join-Path $root 'src/ExchangeRules.Agent/ExchangeRules.Agent.csproj'
$cliProject = Join-Path $root 'src/ExchangeRules.Cli/ExchangeRules.Cli.csproj'
$artifacts = Join-Path $root 'artifacts'
$onWindows = $env:OS -eq 'Windows_NT'
$debianPackages = @('mono-complete', 'slapd', 'ldap-utils', 'chromium', 'altermime', 'swaks', 'wine', 'wine64', 'unzip')

function Write-Step([string] $message) {
    Write-Host "==> $message" -ForegroundColor Cyan
}

# Runs a native command and throws when it fails: native failures do not stop PowerShell on their own.
function Invoke-Native([string] $command, [string[]] $arguments) {
    Write-Host "    $command $($arguments -join ' ')"
    & $command @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Install-Prerequisites {
    if ($onWindows) {
        Write-Step 'Prerequisites: nothing to install on Windows.'
        return
    }

    $missing = @($debianPackages | Where-Object {
        $status = & dpkg-query -W '-f=${Status}' $_ 2>$null
        ($LASTEXITCODE -ne 0) -or ($status -notmatch 'install ok installed')
    })
    if ($missing.Count -eq 0) {
        Write-Step "Prerequisites: already installed ($($debianPackages -join ', '))."
        return
    }

    $uid = (& id -u).Trim()
    if ($uid -ne '0') {
        throw "Missing Debian packages: $($missing -join ', '). Run as root, or: sudo apt-get install -y $($missing -join ' ')"
    }

    Write-Step "Prerequisites: installing $($missing -join ', ')"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    Invoke-Native 'apt-get' @('update')
    Invoke-Native 'apt-get' (@('install', '-y', '--no-install-recommends') + $missing)
}

function Get-ProductVersion {
    [xml] $props = Get-Content -Raw (Join-Path $root 'Directory.Version.props')
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.VersionPrefix } | Where-Object { $_ })[0]
    if (-not $version) {
        throw 'Directory.Version.props has no VersionPrefix.'
    }
    return $version
}

function Invoke-Build {
    Write-Step "Restore"
    Invoke-Native 'dotnet' @('restore', $solution)
    Write-Step "Build ($Configuration)"
    Invoke-Native 'dotnet' @('build', $solution, '-c', $Configuration, '--no-restore')
}

function Invoke-Tests {
    Write-Step 'Test'
    $results = Join-Path $root 'artifacts/test-results'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    try {
        Invoke-Native 'dotnet' @('test', $solution, '-c', $Configuration, '--no-build', '--logger', 'trx', '--results-directory', $results)
    }
    finally {
        Write-TestSummary $results
    }
}

# One plain line per test project and a total, read from the TRX files, so a CI log says what passed.
function Write-TestSummary([string] $results) {
    $files = @(if (Test-Path $results) { Get-ChildItem $results -Filter '*.trx' -File })
    if ($files.Count -eq 0) {
        Write-Host 'Test summary: no test results were written.'
        return
    }

    $total = [ordered]@{ passed = 0; failed = 0; skipped = 0 }
    foreach ($file in $files | Sort-Object Name) {
        [xml] $trx = Get-Content -Raw -LiteralPath $file.FullName
        $counters = $trx.TestRun.ResultSummary.Counters
        $project = @($trx.TestRun.TestDefinitions.UnitTest | Select-Object -First 1 | ForEach-Object { [IO.Path]::GetFileNameWithoutExtension($_.TestMethod.codeBase) })[0]
        $skipped = [int] $counters.notExecuted
        Write-Host ("  {0,-40} {1,5} passed, {2} failed, {3} skipped" -f $project, $counters.passed, $counters.failed, $skipped)
        $total.passed += [int] $counters.passed
        $total.failed += [int] $counters.failed
        $total.skipped += $skipped
    }
    Write-Host ("Test summary: {0} passed, {1} failed, {2} skipped ({3} test projects)" -f $total.passed, $total.failed, $total.skipped, $files.Count)
}

function Invoke-Pack {
    $version = Get-ProductVersion
    $agentOutput = Join-Path $root "src/ExchangeRules.Agent/bin/$Configuration/net48"

    if ($ExchangeReferencePath) {
        Write-Step "Build the agent against the Exchange DLLs in $ExchangeReferencePath"
        Invoke-Native 'dotnet' @('build', $agentProject, '-c', $Configuration, '-f', 'net48', "-p:ExchangeReferencePath=$ExchangeReferencePath")
    }

    Write-Step "Pack ExchangeRules $version"
    $name = "ExchangeRules-$version"
    $staging = Join-Path $artifacts "staging/$name"
    $zip = Join-Path $artifacts "$name.zip"
    if (Test-Path $staging) { Remove-Item -Recurse -Force $staging }
    if (Test-Path $zip) { Remove-Item -Force $zip }
    New-Item -ItemType Directory -Force (Join-Path $staging 'agent') | Out-Null

    if (-not (Test-Path (Join-Path $agentOutput 'ExchangeRules.Agent.dll'))) {
        throw "The agent was not built: $agentOutput has no ExchangeRules.Agent.dll."
    }
    Get-ChildItem $agentOutput -File | Where-Object { $_.Extension -in '.dll', '.pdb', '.config' } |
        Copy-Item -Destination (Join-Path $staging 'agent')

    # The admin tool, framework-dependent and portable: one exrules.dll for Windows and Linux (`dotnet exrules.dll`), plus
    # exrules.exe, the SDK's win-x64 app host for it. The app host finds the .NET runtime where its installer puts it
    # (or through DOTNET_ROOT) and, when it is missing, says so with the download link; `dotnet` need not be on PATH.
    # The bits CI runs from the unpacked bundle are the bits admins get (tests/windows runs exrules.exe under Wine).
    # A self-contained single-file exe would need no runtime on the server but is ~75 MB (docs/install.md).
    # No --no-build: the app host for another platform is made by the build, so the CLI is built again (incrementally).
    Write-Step 'Publish exrules (framework-dependent, with the Windows app host exrules.exe)'
    $toolOutput = Join-Path $artifacts 'publish/exrules'
    if (Test-Path $toolOutput) { Remove-Item -Recurse -Force $toolOutput }
    Invoke-Native 'dotnet' @('publish', $cliProject, '-c', $Configuration, '-p:UseAppHost=true', '-p:DefaultAppHostRuntimeIdentifier=win-x64', '-o', $toolOutput)
    $toolTarget = Join-Path $staging 'exrules'
    New-Item -ItemType Directory -Force $toolTarget | Out-Null
    # Left out: the XML API docs, and our reference assemblies of Exchange's API (the harness links them, no exrules
    # command loads them; they must never reach a server). Test-Bundle proves the tool runs without them.
    $apiDocs = @(Get-ChildItem $toolOutput -File -Filter '*.xml' | Where-Object { Test-Path (Join-Path $toolOutput ($_.BaseName + '.dll')) } | ForEach-Object { $_.Name })
    Get-ChildItem $toolOutput | Where-Object { $_.Name -notlike 'Microsoft.Exchange.*' -and $apiDocs -notcontains $_.Name } |
        Copy-Item -Destination $toolTarget -Recurse
    # exrules.cmd, for scripts written for it: runs exrules.exe beside it (a path with spaces is fine) and passes its
    # exit code on, so `exrules.cmd validate ... || exit /b 1` stops a deployment script on invalid rules.
    $launcher = @(
        '@echo off',
        'rem Runs the ExchangeRules admin tool exrules.exe (beside this file) with your arguments; exits with its exit code.',
        'rem exrules.exe needs the .NET 10 runtime (x64), see docs/install.md.',
        '"%~dp0exrules.exe" %*',
        'exit /b %ERRORLEVEL%'
    )
    [IO.File]::WriteAllText((Join-Path $toolTarget 'exrules.cmd'), (($launcher -join "`r`n") + "`r`n"))

    $optional = @(
        @{ Source = 'install'; Filter = '*'; Target = 'install' },
        @{ Source = 'samples'; Filter = '*'; Target = 'samples' },
        @{ Source = 'docs/schema'; Filter = '*.xsd'; Target = 'schema' }
    )
    foreach ($item in $optional) {
        $source = Join-Path $root $item.Source
        $files = @(if (Test-Path $source) { Get-ChildItem $source -Recurse -File -Filter $item.Filter })
        if ($files.Count -eq 0) {
            Write-Warning "Pack: $($item.Source) has no $($item.Filter) files yet; the bundle has no $($item.Target)/."
            continue
        }
        foreach ($file in $files) {
            $relative = $file.FullName.Substring((Resolve-Path $source).Path.Length).TrimStart('\', '/')
            $destination = Join-Path (Join-Path $staging $item.Target) $relative
            New-Item -ItemType Directory -Force (Split-Path $destination) | Out-Null
            Copy-Item $file.FullName $destination
        }
    }

    # Microsoft's assemblies may not be redistributed, and our reference assembly must never reach a server.
    $exchange = @(Get-ChildItem $staging -Recurse -File -Filter 'Microsoft.Exchange.*')
    if ($exchange.Count -gt 0) {
        throw "The bundle must not contain Exchange assemblies: $($exchange.Name -join ', ')"
    }

    Compress-Archive -Path (Join-Path $staging '*') -DestinationPath $zip
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $archive = [System.IO.Compression.ZipFile]::OpenRead($zip)
    try {
        $entries = @($archive.Entries | ForEach-Object { $_.FullName.Replace('\', '/') })
    }
    finally {
        $archive.Dispose()
    }
    foreach ($required in 'agent/ExchangeRules.Agent.dll', 'exrules/exrules.dll', 'exrules/exrules.exe', 'exrules/exrules.cmd', 'samples/rules/rules.xml') {
        if ($entries -notcontains $required) {
            throw "$zip has no $required."
        }
    }
    if (@($entries | Where-Object { $_ -match '(^|/)Microsoft\.Exchange\.' }).Count -gt 0) {
        throw "$zip contains an Exchange assembly."
    }
    Write-Step "Wrote $zip ($($entries.Count) files)"
}

# Unpacks the bundle into a fresh folder and runs its exrules as an admin would on the server: validate the shipped
# sample rules, reject a broken rules file with its place, and preview the rules on a sample message.
function Test-Bundle {
    $version = Get-ProductVersion
    $zip = Join-Path $artifacts "ExchangeRules-$version.zip"
    Write-Step "Test the bundle's exrules from the unpacked $zip"
    $unpacked = Join-Path ([IO.Path]::GetTempPath()) ("exrules-bundle-" + [Guid]::NewGuid().ToString('N'))
    try {
        Expand-Archive -LiteralPath $zip -DestinationPath $unpacked
        $tool = Join-Path $unpacked 'exrules/exrules.dll'
        $rules = Join-Path $unpacked 'samples/rules/rules.xml'

        $output = & dotnet $tool validate $rules 2>&1 | Out-String
        if ($LASTEXITCODE -ne 0 -or $output -notmatch ': valid') {
            throw "The bundle's 'exrules validate' failed on the sample rules (exit $LASTEXITCODE): $output"
        }
        Write-Host "    exrules validate: $($output.Trim())"

        $broken = Join-Path $unpacked 'samples/rules/broken-rules.xml'
        (Get-Content -Raw $rules) -replace '</rules>\s*$', '<notARule /></rules>' | Set-Content -NoNewline $broken
        $output = & dotnet $tool validate $broken 2>&1 | Out-String
        if ($LASTEXITCODE -eq 0 -or $output -notmatch 'broken-rules\.xml:\d+:\d+:.*notARule') {
            throw "The bundle's 'exrules validate' did not reject a broken rules file with its line and column (exit $LASTEXITCODE): $output"
        }
        Write-Host "    exrules validate (broken file): exit $LASTEXITCODE, $(($output.Trim() -split "`n")[0])"

        $preview = Join-Path $unpacked 'preview'
        $message = Join-Path $unpacked 'samples/messages/onprem-to-internet.eml'
        $output = & dotnet $tool apply --rules $rules --org (Join-Path $unpacked 'samples/org/contoso-hybrid.xml') --sender-authenticated --out $preview $message 2>&1 | Out-String
        $previewed = Join-Path $preview 'onprem-to-internet.eml'
        if ($LASTEXITCODE -ne 0 -or $output -notmatch 'Changed' -or -not (Test-Path $previewed)) {
            throw "The bundle's 'exrules apply' did not stamp the sample message (exit $LASTEXITCODE): $output"
        }
        if ((Get-Item $previewed).Length -le (Get-Item $message).Length) {
            throw "The bundle's 'exrules apply' wrote $previewed no larger than the original: nothing was stamped."
        }
        Write-Host "    exrules apply: $previewed written, stamped"

        if ($onWindows) {
            # The admins' entry points themselves: the app host and the launcher, exit codes included.
            foreach ($entry in 'exrules.exe', 'exrules.cmd') {
                $launcher = Join-Path $unpacked "exrules/$entry"
                $output = & $launcher validate $rules 2>&1 | Out-String
                if ($LASTEXITCODE -ne 0 -or $output -notmatch ': valid') {
                    throw "The bundle's '$entry validate' failed on the sample rules (exit $LASTEXITCODE): $output"
                }
                $output = & $launcher validate $broken 2>&1 | Out-String
                if ($LASTEXITCODE -ne 1 -or $output -notmatch 'notARule') {
                    throw "The bundle's '$entry validate' did not reject the broken rules file with exit 1 (exit $LASTEXITCODE): $output"
                }
                Write-Host "    $entry validate: sample rules valid, broken file exit 1"
            }
        }
    }
    finally {
        if (Test-Path $unpacked) { Remove-Item -Recurse -Force $unpacked }
    }

    if (-not $onWindows) {
        # The Windows entry points (exrules.exe, exrules.cmd) on the Windows .NET runtime under Wine
        # (docs/testing-windows.md); wine and wine64 are among the -Prerequisites.
        Write-Step "Test the bundle's Windows exrules under Wine"
        Invoke-Native 'bash' @((Join-Path $root 'tests/windows/run-exrules-under-wine.sh'), $zip)
    }
}

$everything = -not ($Prerequisites -or $Test -or $Pack)
try {
    Push-Location $root
    if ($Prerequisites) { Install-Prerequisites }
    if ($everything -or $Test -or $Pack) { Invoke-Build }
    if ($everything -or $Test) { Invoke-Tests }
    if ($everything -or $Test -or $Pack) { Invoke-Pack }
    if ($everything -or $Test) { Test-Bundle }
    Write-Step 'Done'
}
finally {
    Pop-Location
}
