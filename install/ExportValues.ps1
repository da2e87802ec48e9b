# Shared by Export-TransportRules.ps1 and Export-Organization.ps1 (dot-sourced): turns Exchange's rich objects into
# values ConvertTo-Json writes the way the importers read them (enums by name, dates in ISO 8601, lists as arrays).
Set-StrictMode -Version 2.0

function ConvertTo-PlainValue {
    param($Value)
    if ($null -eq $Value) { return $null }
    if ($Value -is [string] -or $Value -is [bool] -or $Value -is [int] -or $Value -is [long]) { return $Value }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [datetime]) { return $Value.ToString('o', [Globalization.CultureInfo]::InvariantCulture) }
    if ($Value -is [System.Collections.IEnumerable]) {
        return , @($Value | ForEach-Object { if ($null -ne $_) { [string] $_ } })
    }
    # Remote sessions return deserialized objects: their text is the value's display form.
    return [string] $Value
}
