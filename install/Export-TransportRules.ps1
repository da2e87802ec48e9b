<#
.SYNOPSIS
    Exports Exchange's transport (mail flow) rules for `exrules import transport-rules`.

.DESCRIPTION
    Run in the Exchange Management Shell. Writes every rule of Get-TransportRule as JSON with each property as
    plain text: enum values by name (ApplyHtmlDisclaimerLocation "Append", FromScope "InOrganization", State
    "Disabled"), dates in ISO 8601 with their offset, sizes as Exchange prints them ("10 MB (10,485,760 bytes)"),
    recipients, words and patterns as arrays of strings. A plain `Get-TransportRule | ConvertTo-Json` writes enum
    values as numbers and dates as "\/Date(...)\/" under Windows PowerShell 5.1; the importer reads dates either
    way but reports numeric enum values instead of guessing them.

    The script only reads. The export holds rule texts and addresses; treat it like the rules themselves.

.PARAMETER Path
    The JSON file to write. Default: transport-rules.json in the current folder.

.EXAMPLE
    .\Export-TransportRules.ps1 -Path C:\Temp\transport-rules.json
    exrules import transport-rules C:\Temp\transport-rules.json --out rules.xml
#>
[CmdletBinding()]
param(
    [string] $Path = (Join-Path (Get-Location) 'transport-rules.json')
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# Properties that describe the rule object rather than the rule, and the nested condition/action objects that
# repeat the flat parameters below in another shape.
$skipped = @('Conditions', 'Exceptions', 'Actions', 'PSComputerName', 'RunspaceId', 'PSShowComputerName')

. (Join-Path $PSScriptRoot 'ExportValues.ps1')

$rules = @(Get-TransportRule | Sort-Object Priority | ForEach-Object {
    $rule = $_
    $plain = [ordered] @{}
    foreach ($property in $rule.PSObject.Properties) {
        if ($skipped -contains $property.Name) { continue }
        $plain[$property.Name] = ConvertTo-PlainValue $property.Value
    }
    [pscustomobject] $plain
})

ConvertTo-Json -InputObject $rules -Depth 6 | Set-Content -LiteralPath $Path -Encoding UTF8
Write-Host ("{0} transport rule(s) written to {1}" -f $rules.Count, $Path)
