package com.talkhpb.render;

/** Renders one daemon configuration file of the HPB. */
public interface ConfigFile {
    BundleFile render(RenderContext context);
}
