namespace WebSocketAspire.Tests.Infrastructure.Velocity;

public sealed class DirectiveTests
{
    [Theory]
    [InlineData("#set($a = 1)$a", "1")]
    [InlineData("#set( $a = \"x\" )$a", "x")]
    [InlineData("#set($a = 'v')#set($a = $missing)$a", "v")]
    [InlineData("#set($a = 'v')#set($a = $null)$a", "v")]
    [InlineData("#set($m = {})#set($m.k = 5)$m.k", "5")]
    [InlineData("#set($m = {'a': 1})#set($m['b'] = 2)$m", "{a=1, b=2}")]
    [InlineData("#set($l = [1, 2])#set($l[0] = 9)$l", "[9, 2]")]
    [InlineData("#{set}($a = 3)$a", "3")]
    [InlineData("#set($a = \"${context.stage}-x\")$a", "local-x")]
    [InlineData("#set($a = \"$context.stage-x\")$a", "$context.stage-x")]
    [InlineData("#set($a-b = 2)#set($c = $a-b - 1)$c", "1")]
    public void Set_assigns_variables_keys_and_indexes(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("#if(true)yes#end", "yes")]
    [InlineData("#if(false)yes#end", "")]
    [InlineData("#if(false)a#else b#end", " b")]
    [InlineData("#if(false)a#elseif(true)b#else c#end", "b")]
    [InlineData("#if(false)a#elseif(false)b#{else}c#{end}", "c")]
    [InlineData("#{if}(true)a#{end}", "a")]
    [InlineData("#if($missing)a#else b#end", " b")]
    [InlineData("#if('')a#end", "a")]
    [InlineData("#if(0)a#end", "a")]
    [InlineData("#if($context.isBase64Encoded)a#else b#end", " b")]
    [InlineData("#if ($context.stage == 'local')a#end", "a")]
    [InlineData("#if(true)#if(false)x#else y#end#end", " y")]
    public void If_elseif_else_pick_the_first_true_branch(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("#foreach($i in [1..3])$i#end", "123")]
    [InlineData("#foreach($i in [3..1])$i#end", "321")]
    [InlineData("#foreach($i in ['a','b'])$foreach.index$foreach.count#end", "0112")]
    [InlineData("#foreach($i in ['a','b','c'])$i#if($foreach.hasNext),#end#end", "a,b,c")]
    [InlineData("#foreach($i in [1,2,3])#if($foreach.first)F#end#if($foreach.last)L#end#end", "FL")]
    [InlineData("#foreach($i in [1..10])#if($i > 2)#break#end$i#end", "12")]
    [InlineData("#set($m = {'a': 1, 'b': 2})#foreach($k in $m.keySet())$k=$m.get($k);#end", "a=1;b=2;")]
    [InlineData("#set($m = {'a': 1, 'b': 2})#foreach($v in $m)$v#end", "12")]
    [InlineData("#set($m = {'a': 1, 'b': 2})#foreach($v in $m.values())$v#end", "12")]
    [InlineData("#set($m = {'a': 1})#foreach($e in $m.entrySet())$e.key:$e.value $e.getKey()$e.getValue()#end", "a:1 a1")]
    [InlineData("#foreach($i in $missing)x#end", "")]
    [InlineData("#foreach($i in [])x#end", "")]
    [InlineData("#set($i = 'kept')#foreach($i in [1])#end$i", "kept")]
    [InlineData("#foreach($a in [1,2])#foreach($b in [1,2])$foreach.count#end$foreach.count;#end", "121;122;")]
    [InlineData("#foreach($k in $context.authorizer.keySet())$k,#end", "principalId,token,count,")]
    public void Foreach_iterates_lists_maps_and_ranges(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("a## comment\nb", "ab")]
    [InlineData("a\n## whole line\nb", "a\nb")]
    [InlineData("a#* block\n comment *#b", "ab")]
    [InlineData("a\n  #* alone *#\nb", "a\nb")]
    [InlineData("#[[$raw #if]]#", "$raw #if")]
    [InlineData("a#stop b", "a")]
    [InlineData("#notadirective", "#notadirective")]
    [InlineData("#elsewhere", "#elsewhere")]
    [InlineData("# hash", "# hash")]
    [InlineData("x#", "x#")]
    [InlineData("C#", "C#")]
    public void Comments_raw_blocks_and_stray_hashes(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));

    [Theory]
    [InlineData("a\n#set($x = 1)\nb", "a\nb")]
    [InlineData("a\n    #set($x = 1)   \nb", "a\nb")]
    [InlineData("{\n  #if(true)\n  \"k\": 1\n  #end\n}", "{\n  \"k\": 1\n}")]
    [InlineData("[\n#foreach($i in [1,2])\n  $i#if($foreach.hasNext),#end\n#end\n]", "[\n  1,\n  2\n]")]
    [InlineData("a #set($x = 1) b", "a  b")]
    [InlineData("#set($x = 1)\n$x", "1")]
    [InlineData("#if(false)\nno\n#else\nyes\n#end\n", "yes\n")]
    [InlineData("a\r\n#set($x = 1)\r\nb", "a\r\nb")]
    public void A_line_holding_only_a_directive_emits_nothing(string template, string expected) =>
        Assert.Equal(expected, TemplateRunner.Render(template));
}
