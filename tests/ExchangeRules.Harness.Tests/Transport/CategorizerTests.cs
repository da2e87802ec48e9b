using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

public class CategorizerTests
{
    [Fact]
    public void ExpandGroups_ListsTheRecipientsAsGivenThenTheMembers_EachAddressOnce()
    {
        var organization = TestFiles.Organization("hybrid-cloud-group.xml");
        var expanded = new List<string>();

        var recipients = Categorizer.ExpandGroups(
            organization,
            new[] { "bob@contoso.com", "all-staff@contoso.com", "BOB@contoso.com", "someone@partner.example", "project-x@fabrikam.com", "all-staff@contoso.com" },
            expanded.Add);

        // The cloud-only group stays a recipient (its members are known in Exchange Online only); the on-premises group
        // is expanded once, its members after the recipients as given, bob (already there) not twice.
        Assert.Equal(new[] { "bob@contoso.com", "someone@partner.example", "project-x@fabrikam.com", "alice@contoso.com", "carol@contoso.com" }, recipients);
        Assert.Equal(new[] { "all-staff@contoso.com" }, expanded);
    }

    [Fact]
    public void ResolveGroups_GivesTheSameRecipientsAsExpandGroups_InTheSameOrder()
    {
        var organization = TestFiles.Organization("hybrid-cloud-group.xml");
        var submitted = new[] { "all-staff@contoso.com", "dave@contoso.com", "Alice@contoso.com", "project-x@fabrikam.com" };

        Assert.Equal(Categorizer.ExpandGroups(organization, submitted), Categorizer.ResolveGroups(organization, submitted));
    }

    [Fact]
    public void ResolveGroups_ReadsTheRecipientsOnlyAsFarAsTheCallerAsks()
    {
        // The topology asks "is any recipient external?" of 10,000 recipients: the answer must not cost a list of all of them.
        var read = 0;

        var first = Categorizer.ResolveGroups(TestFiles.Organization("hybrid.xml"), Recipients()).First(r => r.EndsWith("@partner.example", StringComparison.Ordinal));

        Assert.Equal("someone@partner.example", first);
        Assert.Equal(2, read);

        IEnumerable<string> Recipients()
        {
            foreach (var address in new[] { "bob@contoso.com", "someone@partner.example" })
            {
                read++;
                yield return address;
            }

            throw new InvalidOperationException("Read past the first external recipient.");
        }
    }
}
