"""Articles the team wrote for the stories tests: invented outlets, people and places."""

from __future__ import annotations

from newsline.analysis.pipeline import new_article
from newsline.model import Article

STRIKE = (
    "Dockworkers at the Port of Valdoria walked off the job on Tuesday, halting cargo traffic at the country's "
    "busiest harbour.\n\n"
    "The strike was called by the Valdoria Harbour Union after talks with the Meridian Shipping Authority broke "
    "down over night-shift pay.\n\n"
    "Union leader Mira Tobel said the stoppage would last until the authority restored the overtime rates cut in "
    "January.\n\n"
    "Around forty container ships were waiting at anchor outside the breakwater by the afternoon, according to "
    "the harbour master's office.\n\n"
    "The authority's spokesman Anton Greve called the walkout illegal and said it would seek an injunction from "
    "the district court in Calvera.\n\n"
    "Fruit exporters warned that cooled cargo from the southern plantations could spoil within days if the "
    "cranes stayed idle."
)

STRIKE_REWRITE = (
    "Cargo traffic at Valdoria's port, the busiest harbour in the country, came to a standstill on Tuesday as "
    "dockworkers walked out.\n\n"
    "Talks between the Valdoria Harbour Union and the Meridian Shipping Authority collapsed over pay for night "
    "shifts, prompting the union to call the strike.\n\n"
    "The stoppage will continue until overtime rates cut in January are restored, union chief Mira Tobel "
    "declared.\n\n"
    "By afternoon some forty container vessels were anchored beyond the breakwater, the office of the harbour "
    "master reported.\n\n"
    "Anton Greve, speaking for the authority, described the walkout as illegal and announced plans to ask the "
    "Calvera district court for an injunction.\n\n"
    "Exporters of fruit cautioned that chilled cargo from plantations in the south might spoil within days with "
    "the cranes idle."
)

STRIKE_INDEPENDENT = (
    "Standing by a silent crane gate in Valdoria on Wednesday, welder Jonas Perl said he had not been paid for a "
    "night shift in full since the winter.\n\n"
    "Our reporter counted eleven pickets at the north entrance of the port, where strikers from the Valdoria "
    "Harbour Union had lit a brazier against the sea wind.\n\n"
    "Mira Tobel, who leads the union, told us by telephone that members had voted unanimously to continue.\n\n"
    "Two haulage firms in Calvera have already laid off drivers, their managers confirmed, because no containers "
    "are leaving the Valdoria terminals.\n\n"
    "The Meridian Shipping Authority did not answer our questions about the injunction it has threatened."
)

OTHER_STRIKE = (
    "Ferry crews in Castelmar stopped work on Friday in a dispute over safety inspections, stranding hundreds of "
    "passengers bound for the Orsina islands.\n\n"
    "The Castelmar Seafarers Guild said its members would not sail until two retired ferries were taken out of "
    "service.\n\n"
    "Guild secretary Lucan Vey told reporters that the operator Blue Crescent Lines had ignored three warnings "
    "from its own engineers.\n\n"
    "Blue Crescent Lines said the vessels had passed their last inspection and accused the guild of endangering "
    "the tourist season.\n\n"
    "Island mayors asked the transport ministry in Castelmar to mediate before the weekend."
)

BOILERPLATE_TOP = "MIRROR DAILY - news as it happens"
BOILERPLATE_END = "Follow Mirror Daily for the latest updates. Comments are closed on this article."


def article(text: str, outlet: str, published: str | None, slug: str) -> Article:
    return new_article(text, url=f"https://{outlet}/{slug}", outlet=outlet, published=published)


def strike_story() -> dict[str, Article]:
    """The Valdoria strike as five outlets carried it, plus another port's strike that week."""
    return {
        "original": article(STRIKE, "valdoria-herald.example", "2025-03-04T08:00:00+00:00", "strike"),
        "copy": article(f"{BOILERPLATE_TOP}\n\n{STRIKE}\n\n{BOILERPLATE_END}", "mirror-daily.example",
                        "2025-03-04T11:30:00+00:00", "port-strike"),
        "credited": article(f"{STRIKE}\n\nSource: Valdoria Herald", "coastwatch.example",
                            "2025-03-04T13:00:00+00:00", "strike-valdoria"),
        "rewrite": article(STRIKE_REWRITE, "brief-news.example", "2025-03-05T07:00:00+00:00", "dockers"),
        "independent": article(STRIKE_INDEPENDENT, "harbor-times.example", "2025-03-05T18:00:00+00:00", "pickets"),
        "other": article(OTHER_STRIKE, "island-post.example", "2025-03-07T09:00:00+00:00", "ferries"),
    }

SECOND_STRIKE = (
    "Dockworkers at the Port of Valdoria stopped work again on Monday, this time over changes to their pension "
    "fund.\n\n"
    "The Valdoria Harbour Union said the Meridian Shipping Authority had moved retirement savings into a new "
    "scheme without consulting members.\n\n"
    "Union leader Mira Tobel said the second walkout of the year would last forty-eight hours.\n\n"
    "Anton Greve, the authority's spokesman, said the pension reform was lawful and had been announced in "
    "July.\n\n"
    "Ships were diverted to the smaller harbour at Calvera while the cranes at Valdoria stood idle."
)
