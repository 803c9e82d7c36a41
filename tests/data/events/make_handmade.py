#!/usr/bin/env python3
"""Writes the hand-made event files of tests/data/events/ (run once; the files are committed).

    cd tests/data/events && python3 make_handmade.py

The aggregates the tests expect of these files are worked by hand in tests/events/*_test.cpp.
"""
import gzip
import zipfile


def gdelt_row(fields_count, event_id, date, a1, a1c, a2, a2c, code, quad, goldstein):
    f = [""] * fields_count
    f[0], f[1], f[2], f[3] = str(event_id), date, date[:6], date[:4]
    f[4] = date[:4] + ".5000"
    f[5], f[7], f[15], f[17] = a1, a1c, a2, a2c
    f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
    f[29], f[30] = str(quad), goldstein
    f[31], f[32], f[33], f[34] = "1", "1", "1", "0.5"
    f[fields_count - 2] = date
    f[fields_count - 1] = "http://example.org/%d" % event_id
    return "\t".join(f)


# Eight GDELT events: (date, actor1 code, country, actor2 code, country, CAMEO code, QuadClass, Goldstein)
EVENTS = [
    ("20140804", "IRNGOV", "IRN", "USAGOV", "USA", "036", 1, "4.0"),
    ("20140805", "IRN", "IRN", "USA", "USA", "042", 1, "1.9"),
    ("20140811", "USAGOV", "USA", "IRNGOV", "IRN", "163", 4, "-8.0"),
    ("20140812", "USA", "USA", "IRN", "IRN", "112", 3, "-2.0"),
    ("20140812", "GBR", "GBR", "IRN", "IRN", "057", 1, "8.0"),
    ("20140813", "SYR", "SYR", "IRN", "IRN", "190", 4, "-10.0"),
    ("20140901", "IRN", "IRN", "IRNMIL", "IRN", "040", 1, "1.0"),
    ("20140902", "IRNGOV", "IRN", "", "USA", "0871", 2, "9.0"),
]


def write(name, text):
    with open(name, "w", newline="") as out:
        out.write(text)


def main():
    g1 = "".join(gdelt_row(58, 1000 + i, *e) + "\n" for i, e in enumerate(EVENTS))
    write("handmade.gdelt1.tsv", g1)
    with open("handmade.gdelt1.tsv.gz", "wb") as out:
        out.write(gzip.compress(g1.encode(), mtime=0))
    with zipfile.ZipFile("handmade.gdelt1.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("handmade.gdelt1.tsv", (2014, 9, 3, 0, 0, 0)), g1)
    write("handmade.gdelt1-57.tsv", "".join(gdelt_row(57, 1000 + i, *e) + "\n" for i, e in enumerate(EVENTS)))
    write("handmade.gdelt2.tsv", "".join(gdelt_row(61, 1000 + i, *e) + "\r\n" for i, e in enumerate(EVENTS)))

    # Phoenix: the same events in the 26 columns of the Phoenix codebook, as CSV with its header.
    header = ("EventID,Date,Year,Month,Day,SourceActorFull,SourceActorEntity,SourceActorRole,SourceActorAttribute,"
              "TargetActorFull,TargetActorEntity,TargetActorRole,TargetActorAttribute,EventCode,EventRootCode,"
              "PentaClass,GoldsteinScore,Issues,Lat,Lon,LocationName,StateName,CountryCode,SentenceID,URLs,"
              "NewsSources")
    rows = []
    tab_rows = []
    for i, (date, a1, a1c, a2, a2c, code, quad, gold) in enumerate(EVENTS):
        f = [""] * 26
        f[0], f[1], f[2], f[3], f[4] = "p%d" % i, date, date[:4], date[4:6], date[6:]
        f[5], f[6], f[9], f[10] = a1, a1c, a2, a2c
        f[13], f[14], f[15], f[16] = code, code[:2], str(quad), gold
        f[17], f[20] = '"NUCLEAR,SANCTIONS"', '"Vienna, Austria"'
        rows.append(",".join(f))
        tab_rows.append("\t".join(v.strip('"') for v in f))
    write("handmade.phoenix.csv", header + "\n" + "\n".join(rows) + "\n")
    write("handmade.phoenix-noheader.tsv", "\n".join(tab_rows) + "\n")

    # ICEWS: five events in the Dataverse layout (names, sectors, countries).
    icews_header = ("Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\t"
                    "Intensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\t"
                    "City\tDistrict\tProvince\tCountry\tLatitude\tLongitude")
    icews = [
        ("2014-08-04", "Iran", "", "Iran", "Consult", "040", "1", "United States", "", "United States"),
        ("2014-08-05", "Foreign Affairs (Iran)", "Executive,Foreign Ministry,Government", "Iran", "Make statement",
         "016", "-5", "United States", "", "United States"),
        ("2014-08-20", "Citizen (United States)", "General Population / Civilian / Social", "United States",
         "Protest", "141", "-6.5", "Iran", "", "Iran"),
        ("2014-08-21", "Barack Obama", "Executive,Government", "United States", "Threaten", "1213", "-4",
         "Iran", "", "Iran"),
        ("2014-09-01", "India", "", "India", "Consult", "040", "1", "Iran", "", "Iran"),
    ]
    lines = [icews_header]
    for i, (date, sn, ss, sc, text, code, intensity, tn, ts, tc) in enumerate(icews):
        lines.append("\t".join([str(1 + i), date, sn, ss, sc, text, code, intensity, tn, ts, tc, "7", "1",
                                "Reuters", "", "", "", "", "", ""]))
    write("handmade.icews.tab", "\n".join(lines) + "\n")

    # Aliases that count US citizens apart from the US government (sectors), for the ICEWS file.
    write("handmade.aliases.csv",
          "# test aliases\nactor,match,value,sectors\nIran,name,Iran,\nIran,country,Iran,\n"
          "US public,country,United States,General Population / Civilian / Social\n"
          "US,name,United States,\nUS,country,United States,\nIran,code,IRN,\nUS,code,USA,\nUS gov,code,USAGOV,\n")

    # Malformed rows: each file has good rows and one bad row (cases.tsv lists the message).
    good = gdelt_row(58, 1, "20140804", "IRN", "IRN", "USA", "USA", "036", 1, "4.0")
    def bad(**change):
        f = good.split("\t")
        for index, value in change.items():
            f[int(index[1:])] = value
        return "\t".join(f)
    write("malformed/gdelt_bad_date.tsv", good + "\n" + bad(c1="20141345") + "\n")
    write("malformed/gdelt_bad_code.tsv", good + "\n" + good + "\n" + bad(c26="99") + "\n")
    write("malformed/gdelt_code_letters.tsv", good + "\n" + bad(c26="04a") + "\n")
    write("malformed/gdelt_short_row.tsv", good + "\n" + "\t".join(good.split("\t")[:30]) + "\n")
    write("malformed/gdelt_bad_quad.tsv", good + "\n" + bad(c29="7") + "\n")
    write("malformed/gdelt_bad_goldstein.tsv", good + "\n" + bad(c30="12.5") + "\n")
    write("malformed/gdelt_goldstein_text.tsv", good + "\n" + bad(c30="high") + "\n")
    write("malformed/gdelt_code_not_in_table.tsv", good + "\n" + bad(c26="1213") + "\n")
    write("malformed/not_events.txt", "name,capability\nIran,1\n")
    write("malformed/empty.tsv", "")
    write("malformed/icews_bad_date.tab",
          icews_header + "\n" + lines[1] + "\n" + lines[1].replace("2014-08-04", "2014/08/04") + "\n")
    write("malformed/rexport_unclosed_quote.csv",
          open("gdelt1_sample_201305_georgia_filtered_IRN_rows.csv").read().splitlines()[0] + "\n" +
          open("gdelt1_sample_201305_georgia_filtered_IRN_rows.csv").read().splitlines()[1].replace(
              '"BBC Monitoring"', '"BBC Monitoring') + "\n")
    write("malformed/phoenix_bad_date.csv", header + "\n" + rows[0] + "\n" + rows[1].replace("20140805", "2014085")
          + "\n")
    data = gzip.compress((g1 * 2000).encode(), mtime=0)
    with open("malformed/truncated.tsv.gz", "wb") as out:
        out.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
