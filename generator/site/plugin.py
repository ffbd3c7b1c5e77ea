"""The mkdocs plugin ``autoproces``: turns the published catalogue into pages, nothing more.

Events, in build order:

* ``on_config``: resolve the options (paths relative to ``mkdocs.yml``; the environment variables
  ``AUTOPROCES_AUDIENCE`` and ``AUTOPROCES_OVERLAY`` (``os.pathsep``-separated) override them).
* ``on_pre_build``: take the :class:`generator.publication.Publication` that ``autoproces build``
  prepared with ``generator.pipeline``; under plain ``mkdocs build``/``serve`` run the pipeline here.
  Errors stop the build with the check's Danish diagnostics before mkdocs cleans the site folder.
* ``on_files``: add the generated pages, the site's assets, public attachments and the search page.
* ``on_page_content``: render the body of a generated page from its template.
* ``on_env``: an incremental build keeps the theme's compiled templates (``template_cache``).
* ``on_post_build``: only under plain ``mkdocs``: ask the pipeline for the exports and search files
  (``autoproces build`` writes them itself after mkdocs).
* ``on_serve``: rebuild when a process file, a list or a template changes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from markupsafe import escape

from generator import pipeline, search
from generator.audience import Audience
from generator.model.derived import MAX_HOURLY_RATE_DKK, configured_hourly_rate, is_valid_hourly_rate
from generator.pipeline import OutputSettings, Sources
from generator.publication import Publication
from generator.checks.batch import ENV_WORKERS, core_count
from generator.folder_skeleton import Skeleton
from generator.site.bulk import Made, PageRenderError
from generator.site.bulk_pages import BulkPages, render_bulk, settings_inputs, sitemap_pages
from generator.site.page_cache import CACHE_FOLDER, PageCache, cache_folder, cached_body, common_inputs
from generator.site.pages import GeneratedPage, site_pages
from generator.site.previous_site import PreviousSite, forget_manifest, manifest_path, save_manifest
from generator.site.shell import ShellError, dest_path
from generator.site.templates import make_environment

log = logging.getLogger("mkdocs.plugins.autoproces")

ENV_AUDIENCE = "AUTOPROCES_AUDIENCE"
ENV_OVERLAY = "AUTOPROCES_OVERLAY"
ENV_RENDERER = "AUTOPROCES_PAGE_RENDERER"  # overrides page_renderer
SEARCH_TITLE = "Søg i kataloget"


class CatalogueError(PluginError):
    """The catalogue has errors; the message is the check's Danish diagnostics."""


class AutoprocesConfig(base.Config):
    processes = c.Type(str, default="processes")
    taxonomies = c.Type(str, default="taxonomies")
    templates = c.Type(str, default="site_templates")
    audience = c.Type(str, default="public")
    overlays = c.ListOfItems(c.Type(str), default=[])
    # DKK per freed hour; unset: ``[tool.autoproces] hourly_rate_dkk`` in pyproject.toml beside mkdocs.yml.
    hourly_rate = c.Optional(c.Type((int, float)))
    edit_url = c.Type(str, default="")  # e.g. https://github.com/<owner>/<repo>/edit/main/
    published_url = c.Type(str, default="")  # the site's public address (schema $id) when site_url is not set
    # "shell": process and browse pages are filled into the theme's shell in worker processes
    # (generator.site.bulk); "mkdocs": every page through mkdocs' own pipeline (the reference).
    page_renderer = c.Choice(("shell", "mkdocs"), default="shell")
    workers = c.Type(int, default=0)  # processes that render pages; 0: one per core


def output_settings(config, options: AutoprocesConfig, base_dir: Path) -> OutputSettings:
    """The pipeline's output settings from mkdocs' configuration and the plugin's options."""
    rate = options.hourly_rate
    if rate is not None and not is_valid_hourly_rate(rate):
        raise pipeline.BuildError(f"Timeprisen hourly_rate i mkdocs.yml skal være et tal over 0 og højst "
                                  f"{MAX_HOURLY_RATE_DKK} kr.; den er {rate!r}.")
    return OutputSettings(
        hourly_rate=float(rate) if rate is not None else configured_hourly_rate(base_dir / "pyproject.toml"),
        edit_url=options.edit_url,
        project_dir=base_dir,
        use_directory_urls=config.use_directory_urls,
        site_name=config.site_name,
        site_url=config.site_url or "",
        published_url=config.site_url or options.published_url or "",
        repo_url=config.repo_url or "",
    )


class AutoprocesPlugin(BasePlugin[AutoprocesConfig]):
    def __init__(self) -> None:
        self.prepared: Publication | None = None  # set by ``autoproces build`` before mkdocs runs
        self.writes_outputs = True
        self.ctx: Publication | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.stats: dict[str, int] = {}
        self.paths: dict[str, Any] = {}
        self.bulk: BulkPages | None = None
        self.order: list[str] = []  # every generated page, in the order mkdocs would list it
        self.incremental = False  # reuse unchanged pages from the page cache (build --incremental, serve)
        self.previous_site: Path | None = None  # the site folder ``build --incremental`` replaces
        self.skeleton: Skeleton | None = None  # the folders of the site before, reused (``autoproces build``)
        self.lowered_page_workers = False  # the page workers yield to the build's last process (``autoproces build``)
        self.made: list[Made] = []  # the pages made with a cache key, for the next build's manifest
        self.body_keys: set[str] = set()  # the page cache's entries of the bodies mkdocs' own pages used
        self._cache: tuple[PageCache | None] | None = None  # this build's page cache, once made
        self.command = "build"

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    # --- configuration ---------------------------------------------------------------------

    def on_config(self, config):
        base_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent

        def resolve(value: str) -> Path:
            path = Path(value).expanduser()
            return path if path.is_absolute() else base_dir / path

        overlays = list(self.config.overlays)
        if os.environ.get(ENV_OVERLAY):
            overlays = [p for p in os.environ[ENV_OVERLAY].split(os.pathsep) if p]
        self.paths = {
            "base": base_dir,
            "processes": resolve(self.config.processes),
            "taxonomies": resolve(self.config.taxonomies),
            "templates": resolve(self.config.templates),
            "overlays": [resolve(o) for o in overlays],
            "audience": os.environ.get(ENV_AUDIENCE) or self.config.audience,
        }
        return config

    # --- catalogue -------------------------------------------------------------------------

    def sources(self) -> Sources:
        paths = self.paths
        return Sources(paths["processes"], paths["taxonomies"], tuple(paths["overlays"]))

    def settings(self, config) -> OutputSettings:
        return output_settings(config, self.config, self.paths["base"])

    def on_pre_build(self, config) -> None:
        """Take the publication ``autoproces build`` prepared, or run the pipeline (plain ``mkdocs``)."""
        self._refuse_unsafe_site_dir(config)
        self.writes_outputs = self.prepared is None
        if self.prepared is not None:
            self.ctx = self.prepared
            return
        try:
            settings = self.settings(config)
            self.ctx = pipeline.prepare(self.sources(), Audience(self.paths["audience"]), settings,
                                        incremental=self.command == "serve")
        except pipeline.BuildError as error:
            raise CatalogueError(str(error)) from None

    def _refuse_unsafe_site_dir(self, config) -> None:
        """``mkdocs build -d processes`` would empty the catalogue: the same guard as ``autoproces build``."""
        from generator.output_folder import project_sources, site_folder_problem

        paths = self.paths
        sources = project_sources(Path(config.config_file_path or "mkdocs.yml"), paths["processes"],
                                  paths["taxonomies"], paths["templates"], Path(config.docs_dir), *paths["overlays"])
        problem = site_folder_problem(Path(config.site_dir), sources)
        if problem:
            raise PluginError(problem)

    # --- pages -----------------------------------------------------------------------------

    def on_files(self, files: Files, config) -> Files:
        assert self.ctx is not None
        env = make_environment(self.paths["templates"], bytecode_cache=self._template_cache("pages"))
        pages = site_pages(env, self.ctx)
        markdown = search.search_page_markdown(self.ctx.published)
        pages.append(GeneratedPage(search.SEARCH_PAGE_URI, SEARCH_TITLE, markdown=markdown, in_nav=True,
                                   search=False, hide=("navigation", "toc")))
        self.order = [page.src_uri for page in pages]
        if self.skeleton is not None:  # mkdocs has emptied the site folder: the pages' folders moved in
            self.skeleton.move_into(config.site_dir, {dest_path(uri, config.use_directory_urls).split("/")[0]
                                                       for uri in self.order})
        self.bulk = None
        self._cache, self.body_keys = None, set()
        for_mkdocs = pages
        if self._renderer() == "shell":
            self.bulk = BulkPages([page for page in pages if page.kind is not None])
            for_mkdocs = [page for page in pages if page.kind is None] + self.bulk.for_mkdocs()
            for page in self.bulk.remaining():
                self._replace_docs_file(files, page)
        self.pages = {}
        for page in for_mkdocs:
            self._replace_docs_file(files, page)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.source(), inclusion=inclusion))
            self.pages[page.src_uri] = page
        self._add_assets(files, config)
        self._add_attachments(files, config)
        self.stats = {"pages": len(pages), "processes": len(self.ctx.published)}
        return files

    def _renderer(self) -> str:
        return os.environ.get(ENV_RENDERER) or self.config.page_renderer

    def workers(self) -> int:
        """How many processes build the pages (and whether the outputs are written alongside them)."""
        value = os.environ.get(ENV_WORKERS) or self.config.workers
        try:
            workers = int(value)
        except ValueError:
            raise PluginError(f"{ENV_WORKERS} skal være et helt tal; det er {value!r}.") from None
        return workers if workers > 0 else core_count()

    @staticmethod
    def _replace_docs_file(files: Files, page: GeneratedPage) -> None:
        existing = files.src_uris.get(page.src_uri)  # a src_uri is POSIX already (get_file_from_path: 20 µs more)
        if existing is not None:
            log.warning(f"docs/{page.src_uri} erstattes af den genererede side.")
            files.remove(existing)

    def _add_assets(self, files: Files, config) -> None:
        assets = self.paths["templates"] / "assets"
        if not assets.is_dir():
            return
        for path in sorted(assets.rglob("*")):
            relative = path.relative_to(assets.parent).as_posix()
            if path.suffix == ".md":
                continue  # notes beside vendored files (PROVENANCE.md) are for maintainers, not pages
            if path.is_file() and not relative.startswith("assets/search/") and files.get_file_from_path(relative) is None:
                files.append(File.generated(config, relative, abs_src_path=str(path)))

    def _add_attachments(self, files: Files, config) -> None:
        from generator.checks.confidentiality.attachments import publishable_attachment
        from generator.site.pages_process import attachment_uri

        assert self.ctx is not None
        for pp in self.ctx.published:
            for item in pp.process.attachments:
                source = publishable_attachment(pp.path, item.file)  # allowed type, no link, within the folder
                if source is None:
                    continue
                file = File.generated(config, attachment_uri(pp, item.file), abs_src_path=str(source))
                if file.is_documentation_page() or file.is_static_page():
                    raise PluginError(f"Bilaget '{item.file}' ville blive en side på websitet og udgives ikke.")
                files.append(file)

    def on_env(self, env, config, files):
        """The theme's templates compiled once and kept (``template_cache``) by an incremental build."""
        env.bytecode_cache = self._template_cache("theme")
        return env

    def _template_cache(self, kind: str):
        if not (self.incremental or self.command == "serve"):
            return None
        from generator.site.template_cache import bytecode_cache

        return bytecode_cache(self.paths["base"], kind)

    def on_page_content(self, html: str, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        if generated is None or generated.render is None:
            return html
        cache = self._page_cache() if generated.inputs is not None and generated.kind is None else None
        if cache is not None:
            rendered, key = cached_body(cache, generated.src_uri, generated.inputs(), generated.render)
            self.body_keys.add(key)
        else:
            rendered = generated.render()
        if self.bulk is not None and page.file.src_uri in self.bulk.samples:
            self.bulk.sample_bodies[page.file.src_uri] = rendered
        page.toc = get_toc([{"level": 2, "id": anchor, "name": str(escape(name)), "children": []}
                            for anchor, name in rendered.toc])
        return rendered.html

    def on_post_page(self, output: str, page, config):
        if self.bulk is None:
            return output
        return self.bulk.keep_output(page.file.src_uri, output, page.url)

    def on_template_context(self, context, template_name, config):
        if template_name == "sitemap.xml" and self.bulk is not None:
            context["pages"] = sitemap_pages(context["pages"], self.order, self.bulk, config)
        return context

    # --- files after the pages -----------------------------------------------------------------

    def on_post_build(self, config) -> None:
        """The pages rendered outside mkdocs; under plain ``mkdocs build``/``serve`` also the outputs."""
        if self.bulk is not None:
            assert self.ctx is not None
            cache = self._page_cache()
            previous = None
            manifest = manifest_path(self.paths["base"], self.previous_site) if self.previous_site else None
            if cache is not None and manifest is not None:
                previous = PreviousSite.load(manifest, self.previous_site)
            try:
                self.made = render_bulk(self.bulk, self.ctx, config, workers=self.workers(), cache=cache,
                                        previous=previous, keep=self.body_keys, lowered=self.lowered_page_workers)
            except (ShellError, PageRenderError) as error:
                raise PluginError(f"Siderne kunne ikke bygges: {error}. Byg med AUTOPROCES_PAGE_RENDERER=mkdocs, "
                                  "så laver mkdocs alle sider selv, og meld fejlen til projektet.") from None
        if not self.writes_outputs:
            return  # ``autoproces build`` writes them itself
        assert self.ctx is not None
        from generator.output_folder import mark_site_folder

        mark_site_folder(Path(config.site_dir))
        try:
            pipeline.write_outputs(self.ctx, Path(config.site_dir), incremental=self.command == "serve")
        except pipeline.BuildError as error:
            raise PluginError(str(error)) from None

    def _page_cache(self) -> PageCache | None:
        """The page cache of an incremental build (``build --incremental``, ``serve``), made once per build."""
        if self._cache is None:
            self._cache = (self._make_page_cache() if self.incremental or self.command == "serve" else None,)
        return self._cache[0]

    def _make_page_cache(self) -> PageCache | None:
        assert self.ctx is not None
        folder = cache_folder(self.paths["base"], repr((self.ctx.published.audience.name, self.paths["overlays"])))
        if folder is None:
            log.warning(f"{CACHE_FOLDER} er et symbolsk link; siderne bygges uden genbrug.")
            return None
        return PageCache(folder, common_inputs(templates=self.paths["templates"], taxonomies=self.paths["taxonomies"],
                                               settings=settings_inputs(self.ctx)))

    def record_site(self, target: Path) -> None:
        """After the new site is in ``target``: the manifest the next incremental build links from.

        A build without the page cache leaves no manifest (and removes an older one of ``target``)."""
        manifest = manifest_path(self.paths["base"], target)
        if manifest is None:
            return
        try:
            if self.incremental and self.made:
                save_manifest(manifest, target, self.made)
            else:
                forget_manifest(manifest)
        except OSError as error:  # the site is built; the next build renders every page again
            log.warning(f"Websitet er bygget, men listen over dets sider kunne ikke gemmes i {CACHE_FOLDER} "
                        f"({error.strerror}). Næste build med --incremental bygger derfor alle sider forfra.")

    def on_serve(self, server, config, builder):
        for key in ("processes", "taxonomies", "templates"):
            if self.paths[key].exists():
                server.watch(str(self.paths[key]))
        for overlay in self.paths["overlays"]:
            if overlay.exists():
                server.watch(str(overlay))
        return server
