using System.CommandLine;
using CxPlus.Data.Clients;

namespace CxPlus.Cli;

/// <summary>
/// <c>cxplus clients …</c>: the benchmark's members (organisations) and the brands each holds,
/// through the same <see cref="Organisations"/> as the Users page. Their people are added with
/// <c>cxplus users add EMAIL --role Client --client NAME</c>.
/// </summary>
internal static class Clients
{
    public static Command Create(CliHost cli, Func<Func<Task<int>>, Task<int>> run)
    {
        var clients = new Command("clients", "Manage the benchmark's members (organisations) and the brands each holds; their people see those brands in full and the benchmark around them.");

        Task<int> WithOrganisations(Func<Organisations, Task<int>> action) => run(() => action(cli.Get<Organisations>()));

        var name = new Argument<string>("name") { Description = "The organisation, e.g. \"Volksspaar NV\"." };
        var sector = new Option<string>("--sector") { Description = "The brand's sector.", Required = true };
        var brand = new Option<string>("--brand") { Description = "The brand, as the league table names it.", Required = true };

        var add = new Command("add", "Create an organisation (then give it its brands with: cxplus clients grant).") { name };
        add.SetAction((parse, ct) => WithOrganisations(async organisations =>
        {
            var stored = await organisations.AddAsync(parse.GetValue(name)!, ct: ct);
            Console.WriteLine($"Created {stored}. Give it its brands: cxplus clients grant \"{stored}\" --sector SECTOR --brand BRAND");
            return ExitCodes.Ok;
        }));
        clients.Subcommands.Add(add);

        var grant = new Command("grant", "Let an organisation's people see a brand in full.") { name, sector, brand };
        grant.SetAction((parse, ct) => WithOrganisations(async organisations =>
        {
            var done = await organisations.GrantAsync(parse.GetValue(name)!, parse.GetValue(sector)!, parse.GetValue(brand)!, ct: ct);
            Console.WriteLine(done.Changed ? $"{done.Organisation} now holds {done.Brand.Brand} in {done.Brand.Sector}."
                : $"{done.Organisation} held {done.Brand.Brand} in {done.Brand.Sector} already; nothing was changed.");
            return ExitCodes.Ok;
        }));
        clients.Subcommands.Add(grant);

        var revoke = new Command("revoke-grant", "Take a brand away from an organisation: its people lose the brand's detail at once.") { name, sector, brand };
        revoke.SetAction((parse, ct) => WithOrganisations(async organisations =>
        {
            var done = await organisations.RevokeGrantAsync(parse.GetValue(name)!, parse.GetValue(sector)!, parse.GetValue(brand)!, ct: ct);
            Console.WriteLine($"{done.Organisation} no longer holds {done.Brand.Brand} in {done.Brand.Sector}.");
            return ExitCodes.Ok;
        }));
        clients.Subcommands.Add(revoke);

        var remove = new Command("remove", "Remove an organisation with its brands (refused while people belong to it).") { name };
        remove.SetAction((parse, ct) => WithOrganisations(async organisations =>
        {
            await organisations.RemoveAsync(parse.GetValue(name)!, ct: ct);
            Console.WriteLine($"Removed {parse.GetValue(name)}.");
            return ExitCodes.Ok;
        }));
        clients.Subcommands.Add(remove);

        var list = new Command("list", "List the organisations with their brands and people.");
        list.SetAction((_, ct) => WithOrganisations(async organisations =>
        {
            var all = await organisations.ListAsync(ct);
            if (all.Count == 0) Console.WriteLine("No organisations yet: cxplus clients add NAME creates one.");
            foreach (var o in all)
            {
                Console.WriteLine(o.Name);
                Console.WriteLine($"  brands: {(o.Brands.Count == 0 ? "none yet" : string.Join("; ", o.Brands.Select(b => $"{b.Brand} ({b.Sector})")))}");
                Console.WriteLine($"  people: {(o.Users.Count == 0 ? "none yet" : string.Join(", ", o.Users))}");
            }
            return ExitCodes.Ok;
        }));
        clients.Subcommands.Add(list);
        return clients;
    }
}
