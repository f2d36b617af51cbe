<?xml version="1.0" encoding="UTF-8"?>
<!-- How a browser shows a Warta feed (RSS 2.0 or Atom 1.0); feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/" exclude-result-prefixes="atom dcterms">
<xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
  <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
  <html lang="id">
  <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title><xsl:value-of select="$title"/> (feed)</title>
    <link rel="stylesheet" href="{{ SITEURL }}/{{ 'css/warta.css'|asset }}"/>
  </head>
  <body>
    <header class="site-header">
      <div class="wrap masthead"><a class="brand" href="{{ SITEURL }}/">{{ SITENAME }}</a></div>
    </header>
    <main class="wrap listing feed-preview">
      <div class="notice">
        <p><strong>Ini adalah feed <xsl:choose><xsl:when test="atom:feed">Atom</xsl:when><xsl:otherwise>RSS</xsl:otherwise></xsl:choose>.</strong>
        Salin alamat halaman ini dari bilah alamat browser, lalu tempelkan di aplikasi pembaca feed (Feedly, Inoreader, NetNewsWire, Thunderbird …) untuk mengikuti berita terbaru.
        <a href="{{ SITEURL }}/{{ FEEDS_PAGE_URL }}">Tentang langganan RSS</a></p>
      </div>
      <header class="listing-header">
        <p class="kicker">Feed</p>
        <h1><xsl:value-of select="$title"/></h1>
        <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
        <p><a href="{rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href}">Buka halaman di situs</a></p>
      </header>
      <ul class="feed-entries">
        <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
      </ul>
    </main>
  </body>
  </html>
</xsl:template>

<xsl:template match="item">
  <li>
    <a href="{link}"><xsl:value-of select="title"/></a>
    <xsl:text> </xsl:text>
    <span class="meta"><xsl:call-template name="rfc822-date"><xsl:with-param name="date" select="pubDate"/></xsl:call-template>
    <xsl:call-template name="updated"><xsl:with-param name="published" select="''"/><xsl:with-param name="updated" select="dcterms:modified"/><xsl:with-param name="rfc822" select="pubDate"/></xsl:call-template></span>
  </li>
</xsl:template>

<xsl:template match="atom:entry">
  <li>
    <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
    <xsl:text> </xsl:text>
    <span class="meta"><xsl:call-template name="iso-date"><xsl:with-param name="date" select="atom:published"/></xsl:call-template>
    <xsl:call-template name="updated"><xsl:with-param name="published" select="atom:published"/><xsl:with-param name="updated" select="atom:updated"/><xsl:with-param name="rfc822" select="''"/></xsl:call-template></span>
  </li>
</xsl:template>

<!-- "2024-10-08T14:30:00+07:00" is shown as "08/10/2024 14:30". -->
<xsl:template name="iso-date">
  <xsl:param name="date"/>
  <xsl:value-of select="concat(substring($date, 9, 2), '/', substring($date, 6, 2), '/', substring($date, 1, 4), ' ', substring($date, 12, 5))"/>
</xsl:template>

<!-- ", diperbarui 09/10/2024 09:15" when the entry was updated after it was published. -->
<xsl:template name="updated">
  <xsl:param name="published"/>
  <xsl:param name="updated"/>
  <xsl:param name="rfc822"/>
  <xsl:variable name="first">
    <xsl:choose>
      <xsl:when test="$rfc822"><xsl:call-template name="rfc822-date"><xsl:with-param name="date" select="$rfc822"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="iso-date"><xsl:with-param name="date" select="$published"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="last"><xsl:call-template name="iso-date"><xsl:with-param name="date" select="$updated"/></xsl:call-template></xsl:variable>
  <xsl:if test="$updated and normalize-space($first) != normalize-space($last)">, diperbarui <xsl:value-of select="$last"/></xsl:if>
</xsl:template>

<!-- "Tue, 08 Oct 2024 14:30:00 +0700" is shown as "08/10/2024 14:30". -->
<xsl:template name="rfc822-date">
  <xsl:param name="date"/>
  <xsl:variable name="month" select="substring($date, 9, 3)"/>
  <xsl:value-of select="substring($date, 6, 2)"/>/<xsl:value-of select="format-number((string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $month)) div 3) + 1, '00')"/>/<xsl:value-of select="substring($date, 13, 4)"/>
  <xsl:text> </xsl:text>
  <xsl:value-of select="substring($date, 18, 5)"/>
</xsl:template>
</xsl:stylesheet>
