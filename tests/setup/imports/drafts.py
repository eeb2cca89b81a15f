"""Chair's drafts in the four languages, as Word files built by the tests (python-docx)."""

from __future__ import annotations

from io import BytesIO

from docx import Document

#: (style, text) lines of one draft per language: a title, the formulas, two thematic
#: areas, an item with preambular paragraphs, an operative and a mandates paragraph with
#: lettered mandates, an entity and an instrument.
DRAFTS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("Title", "Advancing Hemispheric Security: A Multidimensional Approach"),
        ("", "THE GENERAL ASSEMBLY,"),
        ("Heading 1", "V. TRANSNATIONAL ORGANIZED CRIME"),
        ("Heading 2", "Trafficking in persons"),
        ("", "RECALLING the Inter-American Convention against trafficking in persons;"),
        ("", "NOTING WITH CONCERN that trafficking affects women and girls above all;"),
        ("", "RESOLVES:"),
        ("", "1. To urge member states to strengthen cooperation against trafficking;"),
        ("", "2. To request the General Secretariat to:"),
        ("", "a) Support the follow-up of the RTP VII;"),
        ("", "b) Continue training for border officials; and"),
        ("", "c) Report to the Committee before the next session."),
        ("Heading 1", "VIII. INTER-AMERICAN INSTITUTIONS AND INSTRUMENTS"),
        ("Heading 2", "Inter-American Defense Board (JID)"),
        ("", "3. To recognize the work of the JID in humanitarian demining."),
        ("Heading 2", "CIFTA"),
        ("", "4. To urge states parties to apply the CIFTA in full."),
    ],
    "es": [
        ("Title", "Avanzando en la seguridad hemisférica: un enfoque multidimensional"),
        ("", "LA ASAMBLEA GENERAL,"),
        ("Heading 1", "V. DELINCUENCIA ORGANIZADA TRANSNACIONAL"),
        ("Heading 2", "Trata de personas"),
        ("", "RECORDANDO la Convención Interamericana contra la trata de personas;"),
        ("", "TOMANDO NOTA del informe de la Secretaría sobre la trata;"),
        ("", "RESUELVE:"),
        ("", "1. Instar a los Estados Miembros a fortalecer la cooperación contra la trata;"),
        ("", "2. Encomendar a la Secretaría General que:"),
        ("", "a) Apoye el seguimiento de la RTP VII;"),
        ("", "b) Continúe la capacitación de funcionarios de fronteras; y"),
        ("", "c) Informe a la Comisión antes del próximo período de sesiones."),
        ("Heading 1", "VIII. INSTITUCIONES E INSTRUMENTOS INTERAMERICANOS"),
        ("Heading 2", "Junta Interamericana de Defensa (JID)"),
        ("", "3. Reconocer la labor de la JID en el desminado humanitario."),
        ("Heading 2", "Convención Interamericana contra el Tráfico Ilícito de Armas (CIFTA)"),
        ("", "4. Instar a los Estados Parte a aplicar plenamente la CIFTA."),
    ],
    "fr": [
        ("Title", "Promouvoir la sécurité continentale : une approche multidimensionnelle"),
        ("", "L\u2019ASSEMBLÉE GÉNÉRALE,"),
        ("Heading 1", "V. CRIMINALITÉ ORGANISÉE TRANSNATIONALE"),
        ("Heading 2", "Traite des personnes"),
        ("", "RAPPELANT la Convention interaméricaine contre la traite des personnes;"),
        ("", "CONSIDÉRANT que la traite touche surtout les femmes et les filles;"),
        ("", "DÉCIDE :"),
        ("", "1. De prier instamment les États membres de renforcer leur coopération;"),
        ("", "2. De charger le Secrétariat général de :"),
        ("", "a) Appuyer le suivi de la RTP VII;"),
        ("", "b) Poursuivre la formation des agents des frontières; et"),
        ("", "c) Faire rapport à la Commission avant la prochaine session."),
        ("Heading 1", "VIII. INSTITUTIONS ET INSTRUMENTS INTERAMÉRICAINS"),
        ("Heading 2", "Junte interaméricaine de défense (JID)"),
        ("", "3. De reconnaître le travail de la JID en matière de déminage humanitaire."),
        ("Heading 2", "CIFTA"),
        ("", "4. De prier instamment les États parties d\u2019appliquer pleinement la CIFTA."),
    ],
    "pt": [
        ("Title", "Promoção da segurança hemisférica: uma abordagem multidimensional"),
        ("", "A ASSEMBLEIA GERAL,"),
        ("Heading 1", "V. CRIME ORGANIZADO TRANSNACIONAL"),
        ("Heading 2", "Tráfico de pessoas"),
        ("", "LEMBRANDO a Convenção Interamericana contra o tráfico de pessoas;"),
        ("", "RECONHECENDO que o tráfico afeta sobretudo mulheres e meninas;"),
        ("", "RESOLVE:"),
        ("", "1. Instar os Estados membros a fortalecer a cooperação contra o tráfico;"),
        ("", "2. Encarregar a Secretaria-Geral de:"),
        ("", "a) Apoiar o seguimento da RTP VII;"),
        ("", "b) Continuar a capacitação de funcionários de fronteira; e"),
        ("", "c) Informar a Comissão antes do próximo período de sessões."),
        ("Heading 1", "VIII. INSTITUIÇÕES E INSTRUMENTOS INTERAMERICANOS"),
        ("Heading 2", "Junta Interamericana de Defesa (JID)"),
        ("", "3. Reconhecer o trabalho da JID na desminagem humanitária."),
        ("Heading 2", "CIFTA"),
        ("", "4. Instar os Estados Partes a aplicar plenamente a CIFTA."),
    ],
}


def docx_of(lines: list[tuple[str, str]]) -> bytes:
    """A Word file with one paragraph per line, in the styles named ("" for Normal)."""
    document = Document()
    for style, text in lines:
        if style == "Title":
            document.add_heading(text, 0)
        elif style.startswith("Heading"):
            document.add_heading(text, int(style.split()[1]))
        else:
            document.add_paragraph(text, style=style or None)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(lines: list[tuple[str, str]]) -> str:
    """The same draft as a chair would paste it, blank lines between paragraphs."""
    return "\n\n".join(text for _, text in lines)
