using System;
using MimeKit.Tnef;

namespace ExchangeRules.Harness.Tnef;

/// <summary>The named properties the harness writes into Summary TNEF, with the property sets of [MS-OXPROPS].</summary>
public static class MapiNames
{
    /// <summary>PSETID_Appointment ([MS-OXPROPS] 1.3.2).</summary>
    public static readonly Guid Appointment = new("00062002-0000-0000-C000-000000000046");

    /// <summary>PSETID_Common ([MS-OXPROPS] 1.3.2).</summary>
    public static readonly Guid Common = new("00062008-0000-0000-C000-000000000046");

    /// <summary>PS_PUBLIC_STRINGS ([MS-OXPROPS] 1.3.2).</summary>
    public static readonly Guid PublicStrings = new("00020329-0000-0000-C000-000000000046");

    /// <summary>PidLidAppointmentStartWhole (PSETID_Appointment, 0x820D, PtypTime).</summary>
    public static readonly TnefNameId AppointmentStartWhole = new(Appointment, 0x820D);

    /// <summary>PidLidAppointmentEndWhole (PSETID_Appointment, 0x820E, PtypTime).</summary>
    public static readonly TnefNameId AppointmentEndWhole = new(Appointment, 0x820E);

    /// <summary>PidLidLocation (PSETID_Appointment, 0x8208, PtypString).</summary>
    public static readonly TnefNameId Location = new(Appointment, 0x8208);

    /// <summary>PidLidVerbStream (PSETID_Common, 0x8520, PtypBinary): the voting buttons.</summary>
    public static readonly TnefNameId VerbStream = new(Common, 0x8520);

    /// <summary>PidNameKeywords (PS_PUBLIC_STRINGS, "Keywords", PtypMultipleString): the categories.</summary>
    public static readonly TnefNameId Keywords = new(PublicStrings, "Keywords");

    /// <summary>PidTagFlagStatus (0x1090, PtypInteger32): 2 = flagged for follow-up.</summary>
    public static readonly TnefPropertyTag FlagStatus = new((TnefPropertyId)0x1090, TnefPropertyType.Long);

    /// <summary>PidTagHtml (0x1013, PtypBinary): the HTML body in the PR_INTERNET_CPID code page.</summary>
    public static readonly TnefPropertyTag Html = new((TnefPropertyId)0x1013, TnefPropertyType.Binary);

    /// <summary>The tag a named property gets in the TNEF stream: a placeholder identifier of 0x8000 and above ([MS-OXTNEF] 2.1.3.4).</summary>
    public static TnefPropertyTag Named(int index, TnefPropertyType type) => new((TnefPropertyId)(0x8000 + index), type);
}
