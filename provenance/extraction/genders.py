"""Gender a text shows for a person: a gendered title or role word, or a common first name.

Used only to keep "she" from resolving to a man and "he" to a woman; when nothing shows a
gender, any person agrees.
"""

from __future__ import annotations

import functools
import re

_MASCULINE_WORDS = frozenset(
    """
    Mr Mr. Sir Lord King Prince Sheikh Father Brother Baron Duke Earl spokesman chairman
    congressman councilman assemblyman alderman businessman sportsman Spokesman Chairman
    Congressman Councilman Assemblyman Alderman Monsignor Emir Sultan Tsar
    """.split()  # noqa: SIM905
)
_FEMININE_WORDS = frozenset(
    """
    Mrs Mrs. Ms Ms. Miss Madam Madame Lady Dame Queen Princess Baroness Duchess Countess
    Sister spokeswoman chairwoman congresswoman councilwoman assemblywoman businesswoman
    sportswoman Spokeswoman Chairwoman Congresswoman Councilwoman Assemblywoman
    """.split()  # noqa: SIM905
)
_FEMININE_NAMES = frozenset(
    """
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa
    Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa
    Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna
    Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn
    Janet Ruth Maria Heather Diane Virginia Julie Joyce Victoria Olivia Kelly Christina Lauren
    Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances Gloria Ann Teresa
    Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber
    Marilyn Beverly Danielle Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte
    Rose Alexis Kayla Hillary Kamala Nancy Theresa Angela Ursula Christine Jacinda Liz Gwen
    Sabrina Karine Nikki Condoleezza Madeleine Samantha Marine Giorgia Sanna Mette Kaja
    Annalena Yulia Olena Iryna Svetlana Natalia Natalya Tatiana Olga Irina Elena Fatima
    Aisha Leila Layla Maryam Amina Nadia Priya Indira Benazir Aung Tsai Ngozi Ellen Joyce
    Winnie Graca Graça Michelle Melania Jill Laura Hilary Delia Peta Kathleen Greta Malala
    Golda Margrethe Beatrix Meghan Kate Camilla Diana Oprah Taylor Beyonce Rihanna Serena
    """.split()  # noqa: SIM905
)
_MASCULINE_NAMES = (
    frozenset(
        """
    James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel
    Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy
    Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin
    Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry
    Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy
    Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse
    Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy
    Vincent Ralph Eugene Russell Bobby Mason Philip Louis Barack Joe Vladimir Volodymyr
    Dmytro Sergei Sergey Dmitry Alexei Alexey Mikhail Boris Viktor Emmanuel Olaf Rishi Keir
    Xi Li Narendra Recep Tayyip Benjamin Mahmoud Ali Mohammed Muhammad Mohamed Ahmed Ahmad
    Omar Abdullah Abdullahi Hassan Hussein Ibrahim Ismail Yusuf Mustafa Khalid Bashar
    Muammar Hosni Abdel Nelson Thabo Jacob Cyril Morgan Robert Didymus Patrick Raila Mwai
    Uhuru William Ernest Anthony Lloyd Antonio Jim Jens Emmanuel Fumio Shinzo Justin Jair
    Luis Lula Javier Pedro Mauricio Nicolas Nicolás Hugo Fidel Raul Raúl Kim Moon Yoon
    Steve Ryan Jeff Sean Mike Mick Tony Bill Bob Tom Tim Ron Ted Chuck Mitt Rudy Newt Dick
    Eugenio Fu'ad Talal Eric Binali Basem Ruben Marco Andre Pierre Jean-Pierre Francois
    Emmanuel Giuseppe Mario Matteo Silvio Pedro Pablo Carlos Miguel Felipe Andrzej Viktor
    """.split()  # noqa: SIM905
    )
    - _FEMININE_NAMES
)
_WORD = re.compile(r"[A-Za-z][\w'.-]*")


@functools.lru_cache(maxsize=4096)
def gender_of(*phrases: str | None) -> str | None:
    """ "m", "f", or None when the words (name, title, role) do not show it."""
    for phrase in phrases:
        if not phrase:
            continue
        words = _WORD.findall(phrase)
        for word in words:
            if word in _FEMININE_WORDS or word.lower() in _FEMININE_WORDS:
                return "f"
            if word in _MASCULINE_WORDS or word.lower() in _MASCULINE_WORDS:
                return "m"
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) >= 2:
            first = capitals[-2] if len(capitals) == 2 else capitals[0]
            for name in (capitals[0], first):
                if name in _FEMININE_NAMES:
                    return "f"
                if name in _MASCULINE_NAMES:
                    return "m"
    return None
